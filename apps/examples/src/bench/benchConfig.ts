import { AltCLIPConfig } from '@altclip/config';

/** `baai` is the real BAAI/AltCLIP architecture (ViT-L/14 + XLM-R large, 864 M parameters). */
export async function benchConfig(spec: string): Promise<AltCLIPConfig> {
  if (spec === 'baai') return AltCLIPConfig.baai();
  return AltCLIPConfig.fromPretrained(spec);
}
