-- Per-speaker VTLN warps of the built-in Sphinx acoustic model (chosen from audio and text, reused).
CREATE TABLE "SpeakerWarp" (
    "datasetId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "acoustic" TEXT NOT NULL,
    "warp" DOUBLE PRECISION NOT NULL,
    "utterances" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpeakerWarp_pkey" PRIMARY KEY ("datasetId","speakerId","acoustic")
);

ALTER TABLE "SpeakerWarp" ADD CONSTRAINT "SpeakerWarp_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
