"use client";
// A server-rendered SVG chart with downloads: the SVG as served, and a PNG drawn from it on a canvas.
import { useRef } from "react";

function save(blob: Blob, name: string) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function ChartFigure({ svg, name, svgHref }: { svg: string; name: string; svgHref: string }) {
  const box = useRef<HTMLDivElement>(null);
  const png = async () => {
    const el = box.current?.querySelector("svg");
    if (!el) return;
    const w = Number(el.getAttribute("width")) || 600;
    const h = Number(el.getAttribute("height")) || 340;
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(el)], { type: "image/svg+xml" }));
    const img = new Image();
    img.onload = () => {
      const scale = 2; // crisp on slides
      const canvas = document.createElement("canvas");
      canvas.width = w * scale;
      canvas.height = h * scale;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => b && save(b, `${name}.png`), "image/png");
    };
    img.src = url;
  };
  return (
    <figure className="panel chart">
      <div ref={box} dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="legend">
        Download <a href={svgHref} download={`${name}.svg`}>SVG</a> · <button type="button" className="link" onClick={png}>PNG</button>
      </figcaption>
    </figure>
  );
}
