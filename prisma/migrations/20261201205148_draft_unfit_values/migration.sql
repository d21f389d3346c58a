-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "unfitValues" JSONB;

-- Drafts keep values that do not fit the rubric (unfitValues): the rater's save stores them, and the
-- workspace read returns them. The workspace also returns the previous and following assignment in
-- the rater's order (keyboard previous/next item).

CREATE OR REPLACE FUNCTION attest_workspace(p_assignment text, p_rater text) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  out text;
BEGIN
  SELECT json_build_object(
    'id', a.id, 'status', a.status::text, 'position', a.position, 'skipReason', a."skipReason",
    'itemId', a."itemId", 'roundId', a."roundId", 'roundName', r.name, 'roundKind', r.kind::text,
    'settings', r.settings, 'text', i.text, 'durationSec', i."durationSec", 'rubric', d.rubric::text,
    'done', (SELECT count(*) FILTER (WHERE q.status IN ('SUBMITTED', 'SKIPPED')) FROM "Assignment" q WHERE q."raterId" = p_rater AND q."roundId" = a."roundId"),
    'total', (SELECT count(*) FROM "Assignment" q WHERE q."raterId" = p_rater AND q."roundId" = a."roundId"),
    'next', (SELECT q.id FROM "Assignment" q
              WHERE q."raterId" = p_rater AND q."roundId" = a."roundId" AND q.id <> a.id AND q.status IN ('PENDING', 'IN_PROGRESS')
              ORDER BY (q.position > a.position) DESC, q.position ASC LIMIT 1),
    'prev', (SELECT q.id FROM "Assignment" q WHERE q."raterId" = p_rater AND q."roundId" = a."roundId" AND q.position < a.position ORDER BY q.position DESC LIMIT 1),
    'following', (SELECT q.id FROM "Assignment" q WHERE q."raterId" = p_rater AND q."roundId" = a."roundId" AND q.position > a.position ORDER BY q.position ASC LIMIT 1),
    'judgment', (SELECT json_build_object(
        'id', j.id, 'status', j.status, 'revision', j.revision,
        'accuracy', j.accuracy, 'fluency', j.fluency, 'prosody', j.prosody, 'completeness', j.completeness, 'total', j.total,
        'comment', j.comment, 'durationMs', j."durationMs", 'unfitValues', j."unfitValues",
        'updatedAt', to_char(j."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'submittedAt', to_char(j."submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'words', COALESCE((SELECT json_agg(json_build_array(w."wordId", w.accuracy, w.stress, w.total, w."insertedPhones")) FROM "WordScore" w WHERE w."judgmentId" = j.id), '[]'::json),
        'phones', COALESCE((SELECT json_agg(json_build_array(p."phoneId", p.score, p.pronounced)) FROM "PhoneScore" p WHERE p."judgmentId" = j.id), '[]'::json))
       FROM "Judgment" j WHERE j."assignmentId" = a.id AND j."raterId" = p_rater AND j.kind = 'RATER'),
    'alignment', (SELECT json_build_object('source', al.source,
        'spans', COALESCE((SELECT json_agg(json_build_array(s."wordId", s."phoneId", s."startSec", s."endSec")) FROM "AlignmentSpan" s WHERE s."alignmentId" = al.id), '[]'::json))
       FROM "Alignment" al
      WHERE al."itemId" = a."itemId" AND ((al.source = 'RATER' AND al."raterId" = p_rater) OR al.source IN ('TEXTGRID', 'MODEL'))
      ORDER BY CASE al.source WHEN 'RATER' THEN 0 WHEN 'TEXTGRID' THEN 1 ELSE 2 END, al."updatedAt" DESC
      LIMIT 1)
  )::text INTO out
    FROM "Assignment" a
    JOIN "Round" r ON r.id = a."roundId"
    JOIN "Item" i ON i.id = a."itemId"
    JOIN "Dataset" d ON d.id = i."datasetId"
   WHERE a.id = p_assignment AND a."raterId" = p_rater AND r.kind <> 'IMPORT';
  RETURN out;
END
$fn$;

-- The save gains p_unfit (the draft's unfit values, or NULL): a new signature, so the old one goes.
DROP FUNCTION IF EXISTS attest_write_judgment(
  text, text, text, text, float8, float8, float8, float8, float8, text, int4, text, timestamp(3), text, int4, text, jsonb, text,
  text[], text[], float8[], float8[], float8[], text[], text[], text[], float8[], text[]);

CREATE OR REPLACE FUNCTION attest_write_judgment(
  p_rater text, p_assignment text, p_item text, p_status text,
  p_accuracy float8, p_fluency float8, p_prosody float8, p_completeness float8, p_total float8,
  p_comment text, p_duration_ms int4, p_idempotency_key text, p_now timestamp(3),
  p_existing_id text, p_existing_revision int4, p_new_id text,
  p_snapshot jsonb, p_snapshot_id text,
  p_word_row_ids text[], p_word_ids text[], p_word_accuracy float8[], p_word_stress float8[], p_word_total float8[], p_word_inserted text[],
  p_phone_row_ids text[], p_phone_ids text[], p_phone_score float8[], p_phone_pronounced text[],
  p_unfit jsonb
) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
  submitted boolean := p_status = 'SUBMITTED';
  jid text;
  jrev int4;
  jsub timestamp(3);
BEGIN
  IF p_existing_id IS NOT NULL THEN
    UPDATE "Judgment" SET
        status = p_status::"JudgmentStatus", accuracy = p_accuracy, fluency = p_fluency, prosody = p_prosody,
        completeness = p_completeness, total = p_total, comment = p_comment, "durationMs" = p_duration_ms,
        "idempotencyKey" = p_idempotency_key, "unfitValues" = p_unfit, "updatedAt" = p_now, revision = revision + 1,
        "submittedAt" = CASE WHEN submitted THEN COALESCE("submittedAt", p_now) ELSE NULL END
      WHERE id = p_existing_id AND "raterId" = p_rater AND revision = p_existing_revision
      RETURNING id, revision, "submittedAt" INTO jid, jrev, jsub;
    IF jid IS NULL THEN
      RETURN NULL;
    END IF;
  ELSE
    INSERT INTO "Judgment" (id, key, kind, "itemId", "raterId", "assignmentId", revision, "createdAt", "submittedAt",
        status, accuracy, fluency, prosody, completeness, total, comment, "durationMs", "idempotencyKey", "unfitValues", "updatedAt")
      VALUES (p_new_id, 'a:' || p_assignment, 'RATER', p_item, p_rater, p_assignment, 1, p_now, CASE WHEN submitted THEN p_now END,
        p_status::"JudgmentStatus", p_accuracy, p_fluency, p_prosody, p_completeness, p_total, p_comment, p_duration_ms, p_idempotency_key, p_unfit, p_now)
      RETURNING id, revision, "submittedAt" INTO jid, jrev, jsub;
  END IF;

  IF p_snapshot IS NOT NULL THEN
    INSERT INTO "JudgmentRevision" (id, "judgmentId", revision, data, "authorId", "createdAt")
      VALUES (p_snapshot_id, jid, jrev - 1, p_snapshot, p_rater, p_now);
  END IF;

  INSERT INTO "WordScore" AS o (id, "judgmentId", "wordId", accuracy, stress, total, "insertedPhones")
    SELECT t.id, jid, t.wid, t.acc, t.str, t.tot, ARRAY(SELECT json_array_elements_text(t.ins::json))
      FROM unnest(p_word_row_ids, p_word_ids, p_word_accuracy, p_word_stress, p_word_total, p_word_inserted) AS t(id, wid, acc, str, tot, ins)
    ON CONFLICT ("judgmentId", "wordId") DO UPDATE SET accuracy = EXCLUDED.accuracy, stress = EXCLUDED.stress, total = EXCLUDED.total, "insertedPhones" = EXCLUDED."insertedPhones"
      WHERE (o.accuracy, o.stress, o.total, o."insertedPhones") IS DISTINCT FROM (EXCLUDED.accuracy, EXCLUDED.stress, EXCLUDED.total, EXCLUDED."insertedPhones");
  DELETE FROM "WordScore" WHERE "judgmentId" = jid AND NOT ("wordId" = ANY(p_word_ids));

  INSERT INTO "PhoneScore" AS o (id, "judgmentId", "phoneId", score, pronounced)
    SELECT t.id, jid, t.pid, t.sc, t.pr
      FROM unnest(p_phone_row_ids, p_phone_ids, p_phone_score, p_phone_pronounced) AS t(id, pid, sc, pr)
    ON CONFLICT ("judgmentId", "phoneId") DO UPDATE SET score = EXCLUDED.score, pronounced = EXCLUDED.pronounced
      WHERE (o.score, o.pronounced) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.pronounced);
  DELETE FROM "PhoneScore" WHERE "judgmentId" = jid AND NOT ("phoneId" = ANY(p_phone_ids));

  IF submitted THEN
    UPDATE "Assignment" SET status = 'SUBMITTED', "finishedAt" = p_now, "startedAt" = COALESCE("startedAt", p_now), "skipReason" = NULL, "updatedAt" = p_now
      WHERE id = p_assignment AND "raterId" = p_rater;
  ELSE
    UPDATE "Assignment" SET
        status = CASE WHEN status = 'SUBMITTED' THEN 'SUBMITTED'::"AssignmentStatus" ELSE 'IN_PROGRESS'::"AssignmentStatus" END,
        "startedAt" = COALESCE("startedAt", p_now), "updatedAt" = p_now
      WHERE id = p_assignment AND "raterId" = p_rater AND NOT (status IN ('IN_PROGRESS', 'SUBMITTED') AND "startedAt" IS NOT NULL);
  END IF;

  RETURN json_build_object('id', jid, 'revision', jrev, 'submittedAt', to_char(jsub, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text;
END
$fn$;
