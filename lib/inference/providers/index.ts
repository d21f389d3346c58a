// The provider for a model version, by kind.
import { AppError } from "@/lib/errors";
import type { ModelVersionRow } from "../model-versions";
import { builtinProvider } from "./builtin";
import { httpSpeechLlmProvider, type HttpProviderConfig } from "./http-speechllm";
import type { Provider } from "./types";
import { userOnnxProvider, type UserOnnxConfig } from "./user-onnx";

export async function providerFor(mv: ModelVersionRow): Promise<Provider> {
  switch (mv.kind) {
    case "BUILTIN":
      return builtinProvider((mv.config as { bundle?: string } | null)?.bundle ?? mv.name);
    case "HTTP":
      return httpSpeechLlmProvider(mv.config as HttpProviderConfig);
    case "FILE":
      throw new AppError("CONFLICT", `model "${mv.name}" is an imported file of responses: its predictions were stored at import, there is nothing to run`);
    case "ONNX":
      return userOnnxProvider(mv.name, mv.config as UserOnnxConfig);
  }
}
