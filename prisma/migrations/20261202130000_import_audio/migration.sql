-- Imports of a lab's own recordings (issue 12): the recording as uploaded beside the 16 kHz WAV the
-- models read, the speaker's first language, and words whose phones the G2P model estimated.
ALTER TABLE "Item" ADD COLUMN "speakerL1" TEXT;
ALTER TABLE "Item" ADD COLUMN "originalSha256" TEXT;
ALTER TABLE "Item" ADD COLUMN "originalFormat" TEXT;
ALTER TABLE "Item" ADD COLUMN "originalBytes" INTEGER;
ALTER TABLE "Word" ADD COLUMN "estimated" BOOLEAN NOT NULL DEFAULT false;
