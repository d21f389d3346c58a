"use client";
// The rater workspace's waveform (components/rater/waveform.tsx) read-only for the researcher's item
// page: the recording with its word and phone tiers; a click on a word or phone plays it and marks
// its row in the score tables below (rows carry data-row="<word or phone id>").
import { useRef, useState } from "react";
import { Waveform, type WaveformHandle, type WaveformProps } from "./waveform";
import "./rater.css";

/** What the recording shows; selection and boundary edits are this wrapper's own. */
type Props = Omit<WaveformProps, "selectedId" | "onSelect" | "onBoundaryChange">;

export function ItemWaveform(props: Props) {
  const wave = useRef<WaveformHandle>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const select = (id: string) => {
    setSelected(id);
    document.querySelectorAll("tr.sel-row").forEach((r) => r.classList.remove("sel-row"));
    const row = document.querySelector(`tr[data-row="${CSS.escape(id)}"]`);
    row?.classList.add("sel-row");
  };
  return (
    <Waveform
      ref={wave}
      {...props}
      selectedId={selected}
      onSelect={select}
      // The page shows the stored times; a dragged boundary is not saved from here.
      onBoundaryChange={() => undefined}
    />
  );
}
