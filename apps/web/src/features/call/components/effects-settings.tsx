"use client";
import { BACKGROUND_IMAGES, type BackgroundChoice, type BackgroundImageId, type UnsupportedReason } from "@parley/media-effects";
import { EFFECTS_ASSETS_URL, useMediaEffectsState, type MediaEffects } from "../media-effects";

const text = {
  heading: "Effects",
  backgroundLegend: "Background",
  none: "None",
  blur: "Blur",
  image: { aurora: "Blue gradient", fractal: "Fractal" } satisfies Record<BackgroundImageId, string>,
  imageLabel: (name: string) => `Background image: ${name}`,
  loading: "Loading the background effect…",
  loadingPercent: (percent: number) => `Loading the background effect… ${percent}%`,
  backgroundError: "The background effect could not start. Your camera is sent without it.",
  noiseLabel: "Noise suppression",
  noiseHint: "Filters out steady noise such as fans, typing and traffic.",
  noiseLoading: "Starting noise suppression…",
  noiseError: "Noise suppression could not start. Your microphone is sent without it.",
  unsupported: {
    "no-insertable-streams": "Not available in this browser (it needs Chrome, Edge or another Chromium-based browser).",
    "no-offscreen-canvas": "Not available in this browser (no OffscreenCanvas).",
    "no-webassembly": "Not available in this browser (WebAssembly is turned off).",
    "no-worker": "Not available in this browser (no Web Workers).",
    "no-audio-worklet": "Not available in this browser (no AudioWorklet).",
  } satisfies Record<UnsupportedReason, string>,
} as const;

type Option = { readonly key: string; readonly label: string; readonly choice: BackgroundChoice; readonly thumbnail?: string };

const OPTIONS: readonly Option[] = [
  { key: "none", label: text.none, choice: { kind: "none" } },
  { key: "blur", label: text.blur, choice: { kind: "blur" } },
  ...BACKGROUND_IMAGES.map((image) => {
    const url = `${EFFECTS_ASSETS_URL}${image.file}`;
    return { key: image.id, label: text.imageLabel(text.image[image.id]), choice: { kind: "image" as const, url }, thumbnail: url };
  }),
];

function selectedKey(choice: BackgroundChoice): string {
  if (choice.kind !== "image") return choice.kind;
  return OPTIONS.find((o) => o.choice.kind === "image" && o.choice.url === choice.url)?.key ?? "none";
}

/**
 * Background blur / image and noise suppression for the call. Stateless about the effects themselves: they live in
 * `effects` (from `useMediaEffects(media)`), so closing the dialog that shows this keeps them running.
 */
export function EffectsSettings({ effects }: { effects: MediaEffects }) {
  const state = useMediaEffectsState(effects);
  if (!state) return null;
  const { background, noise } = state;
  const backgroundDisabled = !background.support.supported || background.status === "loading";
  const current = selectedKey(background.choice);
  const percent = background.progress?.total ? Math.round((background.progress.loaded / background.progress.total) * 100) : null;

  return (
    <section aria-labelledby="effects-heading" className="space-y-4">
      <h3 id="effects-heading" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        {text.heading}
      </h3>

      <fieldset disabled={backgroundDisabled} aria-describedby="background-status" className="space-y-2">
        <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">{text.backgroundLegend}</legend>
        <div className="flex flex-wrap gap-2">
          {OPTIONS.map((option) => (
            <label
              key={option.key}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-sky-600 has-[:checked]:ring-2 has-[:checked]:ring-sky-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 dark:border-slate-600"
            >
              <input
                type="radio"
                name="background-effect"
                value={option.key}
                checked={current === option.key}
                onChange={() => void effects.setBackground(option.choice)}
                className="sr-only"
              />
              {option.thumbnail && <img src={option.thumbnail} alt="" width={48} height={27} className="rounded-sm object-cover" />}
              <span className={option.thumbnail ? "sr-only" : undefined}>{option.label}</span>
            </label>
          ))}
        </div>
        <div id="background-status" aria-live="polite" className="text-xs">
          {!background.support.supported && <p className="text-slate-600 dark:text-slate-300">{text.unsupported[background.support.reason]}</p>}
          {background.status === "loading" && (
            <p className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
              <span>{percent === null ? text.loading : text.loadingPercent(percent)}</span>
              <progress className="h-1.5 w-24" max={100} {...(percent === null ? {} : { value: percent })} aria-label={text.loading} />
            </p>
          )}
          {background.status === "error" && (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {text.backgroundError}
              {background.error && <span className="block text-slate-500 dark:text-slate-400">{background.error.message}</span>}
            </p>
          )}
        </div>
      </fieldset>

      <div className="space-y-1">
        <label className="flex min-h-11 items-center gap-3 text-sm text-slate-800 has-[:disabled]:opacity-60 dark:text-slate-100">
          <input
            type="checkbox"
            role="switch"
            aria-describedby="noise-status"
            checked={noise.enabled}
            disabled={!noise.support.supported || noise.status === "loading"}
            onChange={(e) => void effects.setNoiseSuppression(e.target.checked)}
            className="size-5"
          />
          {text.noiseLabel}
        </label>
        <div id="noise-status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-300">
          {!noise.support.supported ? (
            <p>{text.unsupported[noise.support.reason]}</p>
          ) : noise.status === "loading" ? (
            <p>{text.noiseLoading}</p>
          ) : noise.status === "error" ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {text.noiseError}
            </p>
          ) : (
            <p>{text.noiseHint}</p>
          )}
        </div>
      </div>
    </section>
  );
}
