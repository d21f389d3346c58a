-- AlterTable: where each recording was read from at import (exports can point at it).
ALTER TABLE "Item" ADD COLUMN "audioSource" TEXT;
