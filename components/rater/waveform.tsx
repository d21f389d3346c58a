"use client";
// The recording as a wavesurfer.js 8 waveform with a timeline, zoom, playback rate, an optional
// spectrogram, and the word and phoneme tiers underneath (kept in step with zoom and scroll). The
// selected word/phone is a region: drag its edges to correct the boundary, play or loop it.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import type { Region, RegionParams } from "wavesurfer.js/dist/plugins/regions.esm.js";

export interface TierSpan {
  id: string;
  label: string;
  startSec: number;
  endSec: number;
}

export interface WaveformHandle {
  playPause(): void;
  playSpan(id: string): void;
  isPlaying(): boolean;
}

export interface WaveformProps {
  src: string;
  durationSec: number;
  words: TierSpan[];
  phones: TierSpan[];
  estimated: boolean;
  source: string;
  selectedId: string | null;
  onSelect(id: string): void;
  onBoundaryChange(id: string, startSec: number, endSec: number): void;
}

export const Waveform = forwardRef<WaveformHandle, WaveformProps>(function Waveform(props, ref) {
  const box = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const regions = useRef<{ addRegion: (o: RegionParams) => Region; clearRegions: () => void } | null>(null);
  const spectro = useRef<{ destroy(): void } | null>(null);
  const loopRef = useRef(false);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [pxPerSec, setPxPerSec] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [rate, setRate] = useState(1);
  const [loop, setLoop] = useState(false);
  const [spectrogram, setSpectrogram] = useState(false);
  const [time, setTime] = useState(0);
  const all = useRef<TierSpan[]>([]);
  all.current = [...props.words, ...props.phones];
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let destroyed = false;
    (async () => {
      const [{ default: WS }, { default: Timeline }, { default: Regions }] = await Promise.all([
        import("wavesurfer.js"),
        import("wavesurfer.js/dist/plugins/timeline.esm.js"),
        import("wavesurfer.js/dist/plugins/regions.esm.js"),
      ]);
      if (destroyed || !box.current) return;
      const regionsPlugin = Regions.create();
      const w = WS.create({
        container: box.current,
        url: props.src,
        height: 110,
        waveColor: "#8aa2d8",
        progressColor: "#2452c9",
        cursorColor: "#c0392b",
        normalize: true,
        autoScroll: true,
        plugins: [Timeline.create({ height: 18 }), regionsPlugin],
      });
      ws.current = w;
      regions.current = regionsPlugin;
      w.on("ready", () => {
        setReady(true);
        const width = box.current?.clientWidth ?? 800;
        setPxPerSec(width / Math.max(w.getDuration(), 0.01));
      });
      w.on("play", () => setPlaying(true));
      w.on("pause", () => setPlaying(false));
      w.on("finish", () => setPlaying(false));
      w.on("timeupdate", (t) => setTime(t));
      w.on("zoom", (px) => setPxPerSec(px));
      w.on("scroll", (_a, _b, left) => setScrollLeft(left));
      regionsPlugin.on("region-out", (r: Region) => {
        if (loopRef.current) r.play();
      });
      regionsPlugin.on("region-updated", (r: Region) => latest.current.onBoundaryChange(r.id, r.start, r.end));
    })();
    return () => {
      destroyed = true;
      ws.current?.destroy();
      ws.current = null;
    };
    // The audio and the player are created once per item.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.src]);

  // The selected word or phone is the one editable region.
  useEffect(() => {
    const r = regions.current;
    if (!ready || !r) return;
    r.clearRegions();
    const s = all.current.find((x) => x.id === props.selectedId);
    if (s) r.addRegion({ id: s.id, start: s.startSec, end: s.endSec, color: "rgba(36,82,201,0.18)", drag: false, resize: true, content: s.label });
  }, [ready, props.selectedId, props.words, props.phones]);

  useEffect(() => {
    loopRef.current = loop;
  }, [loop]);

  const playSpan = (id: string) => {
    const w = ws.current;
    const s = all.current.find((x) => x.id === id);
    if (!w || !s) return;
    if (loopRef.current) {
      const r = regions.current?.addRegion({ id: `loop-${id}`, start: s.startSec, end: s.endSec, color: "rgba(0,0,0,0)", drag: false, resize: false });
      r?.play();
    } else void w.play(s.startSec, s.endSec);
  };

  useImperativeHandle(ref, () => ({
    playPause: () => void ws.current?.playPause(),
    playSpan,
    isPlaying: () => ws.current?.isPlaying() ?? false,
  }));

  const zoom = (factor: number) => {
    const w = ws.current;
    if (!w) return;
    const base = (box.current?.clientWidth ?? 800) / Math.max(w.getDuration(), 0.01);
    const next = Math.min(Math.max(pxPerSec * factor, base), 2000);
    w.zoom(next);
    setPxPerSec(next);
  };

  const toggleSpectrogram = async () => {
    const w = ws.current;
    if (!w) return;
    if (spectro.current) {
      spectro.current.destroy();
      spectro.current = null;
      setSpectrogram(false);
      return;
    }
    const { default: Spectrogram } = await import("wavesurfer.js/dist/plugins/spectrogram.esm.js");
    spectro.current = w.registerPlugin(Spectrogram.create({ height: 120, labels: true, fftSamples: 512 }));
    setSpectrogram(true);
  };

  const tier = (spans: TierSpan[], cls: string) => (
    <div className={`tier ${cls}`} style={{ width: "100%" }}>
      <div className="tier-inner" style={{ width: pxPerSec * props.durationSec, transform: `translateX(${-scrollLeft}px)` }}>
        {spans.map((s) => (
          <button
            key={s.id}
            type="button"
            tabIndex={-1}
            data-span={s.id}
            className={`seg${s.id === props.selectedId ? " sel" : ""}${time >= s.startSec && time < s.endSec && playing ? " now" : ""}`}
            style={{ left: s.startSec * pxPerSec, width: Math.max((s.endSec - s.startSec) * pxPerSec - 1, 2) }}
            title={`${s.label} ${s.startSec.toFixed(2)}–${s.endSec.toFixed(2)} s`}
            onClick={() => {
              props.onSelect(s.id);
              playSpan(s.id);
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );

  return (
    <div className="waveform">
      <div className="wave-tools">
        <button type="button" className="primary" data-testid="play" onClick={() => void ws.current?.playPause()} disabled={!ready}>
          {playing ? "Pause" : "Play"}
        </button>
        <span className="muted tnum">{time.toFixed(2)} / {props.durationSec.toFixed(2)} s</span>
        <button type="button" onClick={() => zoom(1.5)} disabled={!ready} title="Zoom in">Zoom +</button>
        <button type="button" onClick={() => zoom(1 / 1.5)} disabled={!ready} title="Zoom out">Zoom −</button>
        <label>
          Speed{" "}
          <select
            value={rate}
            onChange={(e) => {
              const r = Number(e.target.value);
              setRate(r);
              ws.current?.setPlaybackRate(r, true);
            }}
          >
            {[0.5, 0.75, 1, 1.25, 1.5].map((r) => (
              <option key={r} value={r}>{r}×</option>
            ))}
          </select>
        </label>
        <label><input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} /> Loop</label>
        <label><input type="checkbox" checked={spectrogram} onChange={() => void toggleSpectrogram()} disabled={!ready} /> Spectrogram</label>
        <span className={`pill${props.estimated ? " est" : ""}`} title="Where the word and phoneme times come from">
          times: {props.source.toLowerCase()}{props.estimated ? " (estimated)" : ""}
        </span>
      </div>
      <div ref={box} className="wave-box" data-testid="waveform" data-ready={ready ? "1" : "0"} data-playing={playing ? "1" : "0"} />
      {tier(props.words, "words")}
      {tier(props.phones, "phones")}
    </div>
  );
});
