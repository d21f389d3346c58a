// readJsonBody refuses text the database cannot store as sent, naming the field (issue 16.9b: a lone
// surrogate was acknowledged and echoed as sent, but stored as U+FFFD).
import { describe, it, expect } from "vitest";
import { readJsonBody } from "./read-json";

const req = (body: string) => new Request("http://localhost/x", { method: "PUT", headers: { "content-type": "application/json" }, body });

describe("readJsonBody and text that cannot be stored", () => {
  it("refuses a lone surrogate with 422 naming the field, keys and nested values alike", async () => {
    for (const [body, field] of [
      ['{"comment":"a\\ud800b"}', "comment"],
      ['{"comment":"\\udfff"}', "comment"],
      ['{"comment":"end\\ud83d"}', "comment"],
      ['{"phones":[{"pronounced":"x"},{"pronounced":"\\udc00AH"}]}', "phones.1.pronounced"],
    ] as const) {
      await expect(readJsonBody(req(body)), body).rejects.toMatchObject({ code: "INVALID_INPUT", problems: [{ field, message: "contains a lone surrogate" }] });
    }
  });

  it("accepts paired surrogates (emoji, astral characters) and U+FFFD itself", async () => {
    expect(await readJsonBody(req('{"comment":"\\ud83d\\ude00 ok 😀 \\ufffd"}'))).toEqual({ comment: "😀 ok 😀 \ufffd" });
  });
});
