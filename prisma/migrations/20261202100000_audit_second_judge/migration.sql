-- CreateTable
CREATE TABLE "JudgeAudit" (
    "id" TEXT NOT NULL,
    "predictionId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "reading" JSONB,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeSettlement" (
    "id" TEXT NOT NULL,
    "predictionId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JudgeSettlement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JudgeAudit_judgeId_idx" ON "JudgeAudit"("judgeId");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeAudit_predictionId_judgeId_key" ON "JudgeAudit"("predictionId", "judgeId");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeSettlement_predictionId_judgeId_key_key" ON "JudgeSettlement"("predictionId", "judgeId", "key");

-- AddForeignKey
ALTER TABLE "JudgeAudit" ADD CONSTRAINT "JudgeAudit_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeAudit" ADD CONSTRAINT "JudgeAudit_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeSettlement" ADD CONSTRAINT "JudgeSettlement_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeSettlement" ADD CONSTRAINT "JudgeSettlement_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeSettlement" ADD CONSTRAINT "JudgeSettlement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
