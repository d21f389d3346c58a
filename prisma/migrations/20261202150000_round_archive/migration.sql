-- AlterTable: archived rounds (closed, and left out of the rounds list).
ALTER TABLE "Round" ADD COLUMN "archivedAt" TIMESTAMP(3);
