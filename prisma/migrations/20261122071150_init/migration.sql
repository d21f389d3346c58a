-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'RESEARCHER', 'RATER');

-- CreateEnum
CREATE TYPE "AlignmentSource" AS ENUM ('TEXTGRID', 'MODEL', 'RATER', 'UNIFORM');

-- CreateEnum
CREATE TYPE "RoundKind" AS ENUM ('IMPORT', 'RATING', 'REVIEW', 'AB');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('PENDING', 'IN_PROGRESS', 'SUBMITTED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "JudgmentKind" AS ENUM ('RATER', 'PUBLISHED_CONSENSUS', 'ADJUDICATED');

-- CreateEnum
CREATE TYPE "JudgmentStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('BUILTIN', 'ONNX', 'HTTP', 'FILE');

-- CreateEnum
CREATE TYPE "PreferenceSource" AS ENUM ('rater_preference', 'rater_correction', 'label_flip');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "canSignIn" BOOLEAN NOT NULL DEFAULT true,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "datasetId" TEXT,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "rubric" JSONB NOT NULL,
    "sourceFormat" TEXT NOT NULL,
    "sourcePath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "uttId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "speakerAge" INTEGER,
    "speakerGender" TEXT,
    "audioSha256" TEXT NOT NULL,
    "audioBytes" INTEGER NOT NULL,
    "durationSec" DOUBLE PRECISION NOT NULL,
    "sampleRate" INTEGER NOT NULL,
    "channels" INTEGER NOT NULL,
    "bitsPerSample" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Word" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "canonicalPhones" TEXT NOT NULL,

    CONSTRAINT "Word_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Phone" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "wordId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,

    CONSTRAINT "Phone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alignment" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "source" "AlignmentSource" NOT NULL,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "raterId" TEXT,
    "modelVersionId" TEXT,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlignmentSpan" (
    "id" TEXT NOT NULL,
    "alignmentId" TEXT NOT NULL,
    "wordId" TEXT,
    "phoneId" TEXT,
    "startSec" DOUBLE PRECISION NOT NULL,
    "endSec" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AlignmentSpan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RoundKind" NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "seed" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'PENDING',
    "isGold" BOOLEAN NOT NULL DEFAULT false,
    "skipReason" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Judgment" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "JudgmentKind" NOT NULL,
    "status" "JudgmentStatus" NOT NULL DEFAULT 'SUBMITTED',
    "itemId" TEXT NOT NULL,
    "raterId" TEXT,
    "assignmentId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "idempotencyKey" TEXT,
    "accuracy" DOUBLE PRECISION,
    "fluency" DOUBLE PRECISION,
    "prosody" DOUBLE PRECISION,
    "completeness" DOUBLE PRECISION,
    "total" DOUBLE PRECISION,
    "comment" TEXT,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "Judgment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WordScore" (
    "id" TEXT NOT NULL,
    "judgmentId" TEXT NOT NULL,
    "wordId" TEXT NOT NULL,
    "accuracy" DOUBLE PRECISION,
    "stress" DOUBLE PRECISION,
    "total" DOUBLE PRECISION,
    "insertedPhones" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "WordScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneScore" (
    "id" TEXT NOT NULL,
    "judgmentId" TEXT NOT NULL,
    "phoneId" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "pronounced" TEXT,

    CONSTRAINT "PhoneScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgmentRevision" (
    "id" TEXT NOT NULL,
    "judgmentId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgmentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ModelKind" NOT NULL,
    "description" TEXT,
    "config" JSONB NOT NULL DEFAULT '{}',
    "calibration" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prediction" (
    "id" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "sentence" JSONB NOT NULL,
    "words" JSONB NOT NULL,
    "phones" JSONB NOT NULL,
    "parseWarnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "jobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prediction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RationaleAudit" (
    "id" TEXT NOT NULL,
    "predictionId" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "plausibility" DOUBLE PRECISION,
    "faithfulness" DOUBLE PRECISION,
    "recall" DOUBLE PRECISION,
    "mentions" JSONB NOT NULL,
    "flags" JSONB NOT NULL DEFAULT '[]',
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RationaleAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentionAnswer" (
    "id" TEXT NOT NULL,
    "predictionId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "mentionKey" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Preference" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "source" "PreferenceSource" NOT NULL,
    "itemId" TEXT NOT NULL,
    "roundId" TEXT,
    "raterId" TEXT,
    "prompt" TEXT NOT NULL,
    "chosen" TEXT NOT NULL,
    "rejected" TEXT NOT NULL,
    "sideA" TEXT,
    "sideB" TEXT,
    "choice" TEXT,
    "strength" INTEGER,
    "reason" TEXT,
    "flipTarget" TEXT,
    "distance" INTEGER,
    "dpoWeight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Preference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "params" JSONB NOT NULL DEFAULT '{}',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "result" JSONB,
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_ModelDatasets" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_ModelDatasets_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_name_key" ON "Dataset"("name");

-- CreateIndex
CREATE INDEX "Item_datasetId_split_idx" ON "Item"("datasetId", "split");

-- CreateIndex
CREATE INDEX "Item_datasetId_speakerId_idx" ON "Item"("datasetId", "speakerId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_datasetId_uttId_key" ON "Item"("datasetId", "uttId");

-- CreateIndex
CREATE UNIQUE INDEX "Word_itemId_index_key" ON "Word"("itemId", "index");

-- CreateIndex
CREATE INDEX "Phone_wordId_idx" ON "Phone"("wordId");

-- CreateIndex
CREATE UNIQUE INDEX "Phone_itemId_position_key" ON "Phone"("itemId", "position");

-- CreateIndex
CREATE INDEX "Alignment_itemId_source_idx" ON "Alignment"("itemId", "source");

-- CreateIndex
CREATE INDEX "AlignmentSpan_alignmentId_idx" ON "AlignmentSpan"("alignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Round_datasetId_name_key" ON "Round"("datasetId", "name");

-- CreateIndex
CREATE INDEX "Assignment_raterId_status_idx" ON "Assignment"("raterId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_roundId_itemId_raterId_key" ON "Assignment"("roundId", "itemId", "raterId");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_key_key" ON "Judgment"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_assignmentId_key" ON "Judgment"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_idempotencyKey_key" ON "Judgment"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Judgment_itemId_kind_idx" ON "Judgment"("itemId", "kind");

-- CreateIndex
CREATE INDEX "Judgment_raterId_idx" ON "Judgment"("raterId");

-- CreateIndex
CREATE INDEX "WordScore_wordId_idx" ON "WordScore"("wordId");

-- CreateIndex
CREATE UNIQUE INDEX "WordScore_judgmentId_wordId_key" ON "WordScore"("judgmentId", "wordId");

-- CreateIndex
CREATE INDEX "PhoneScore_phoneId_idx" ON "PhoneScore"("phoneId");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneScore_judgmentId_phoneId_key" ON "PhoneScore"("judgmentId", "phoneId");

-- CreateIndex
CREATE UNIQUE INDEX "JudgmentRevision_judgmentId_revision_key" ON "JudgmentRevision"("judgmentId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_name_key" ON "ModelVersion"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Prediction_modelVersionId_itemId_key" ON "Prediction"("modelVersionId", "itemId");

-- CreateIndex
CREATE INDEX "RationaleAudit_flagged_idx" ON "RationaleAudit"("flagged");

-- CreateIndex
CREATE UNIQUE INDEX "RationaleAudit_predictionId_granularity_key" ON "RationaleAudit"("predictionId", "granularity");

-- CreateIndex
CREATE UNIQUE INDEX "MentionAnswer_predictionId_raterId_mentionKey_key" ON "MentionAnswer"("predictionId", "raterId", "mentionKey");

-- CreateIndex
CREATE UNIQUE INDEX "Preference_key_key" ON "Preference"("key");

-- CreateIndex
CREATE INDEX "Preference_source_idx" ON "Preference"("source");

-- CreateIndex
CREATE INDEX "Preference_itemId_idx" ON "Preference"("itemId");

-- CreateIndex
CREATE INDEX "Job_status_kind_idx" ON "Job"("status", "kind");

-- CreateIndex
CREATE INDEX "AuditLog_action_createdAt_idx" ON "AuditLog"("action", "createdAt");

-- CreateIndex
CREATE INDEX "_ModelDatasets_B_index" ON "_ModelDatasets"("B");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Word" ADD CONSTRAINT "Word_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "Word"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alignment" ADD CONSTRAINT "Alignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alignment" ADD CONSTRAINT "Alignment_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alignment" ADD CONSTRAINT "Alignment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlignmentSpan" ADD CONSTRAINT "AlignmentSpan_alignmentId_fkey" FOREIGN KEY ("alignmentId") REFERENCES "Alignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlignmentSpan" ADD CONSTRAINT "AlignmentSpan_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "Word"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlignmentSpan" ADD CONSTRAINT "AlignmentSpan_phoneId_fkey" FOREIGN KEY ("phoneId") REFERENCES "Phone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WordScore" ADD CONSTRAINT "WordScore_judgmentId_fkey" FOREIGN KEY ("judgmentId") REFERENCES "Judgment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WordScore" ADD CONSTRAINT "WordScore_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "Word"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneScore" ADD CONSTRAINT "PhoneScore_judgmentId_fkey" FOREIGN KEY ("judgmentId") REFERENCES "Judgment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneScore" ADD CONSTRAINT "PhoneScore_phoneId_fkey" FOREIGN KEY ("phoneId") REFERENCES "Phone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgmentRevision" ADD CONSTRAINT "JudgmentRevision_judgmentId_fkey" FOREIGN KEY ("judgmentId") REFERENCES "Judgment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RationaleAudit" ADD CONSTRAINT "RationaleAudit_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionAnswer" ADD CONSTRAINT "MentionAnswer_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionAnswer" ADD CONSTRAINT "MentionAnswer_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ModelDatasets" ADD CONSTRAINT "_ModelDatasets_A_fkey" FOREIGN KEY ("A") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ModelDatasets" ADD CONSTRAINT "_ModelDatasets_B_fkey" FOREIGN KEY ("B") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
