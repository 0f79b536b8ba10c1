import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Button } from './Button';
import { TextField } from './TextField';
import './SignaturePad.css';

/** What a signature pad holds: the drawn image (PNG in base64) or a typed name, or neither yet. */
export interface SignatureValue { drawnPng: string | null; typedName: string | null }

interface Props {
  label: string;
  /** Says what signing means ("I received the items listed above"). */
  hint: string;
  clearLabel: string;
  typedLabel: string;
  value: SignatureValue;
  onValue: (value: SignatureValue) => void;
  testId?: string;
}

/**
 * A signature drawn with a finger (or a stylus, or a mouse) on a canvas, with pointer events so a
 * phone, a tablet and a computer behave alike; the page does not scroll while the finger draws.
 * For those who cannot draw, typing one's full name is accepted instead (keyboard, screen reader).
 * Presentational: the image is handed up as PNG base64 after each stroke.
 */
export function SignaturePad({ label, hint, clearLabel, typedLabel, value, onValue, testId }: Props) {
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [inked, setInked] = useState(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(c.clientHeight * ratio);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: PointerEvent) => {
    e.preventDefault();
    canvas.current!.setPointerCapture?.(e.pointerId);
    drawing.current = point(e);
    const ctx = canvas.current!.getContext('2d')!;
    ctx.beginPath();
    ctx.arc(drawing.current.x, drawing.current.y, 1, 0, Math.PI * 2);
    ctx.fillStyle = '#111';
    ctx.fill();
  };
  const move = (e: PointerEvent) => {
    if (!drawing.current) return;
    e.preventDefault();
    const ctx = canvas.current!.getContext('2d')!;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) {
      const p = point(ev);
      ctx.beginPath();
      ctx.moveTo(drawing.current.x, drawing.current.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      drawing.current = p;
    }
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = null;
    setInked(true);
    const png = canvas.current!.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    onValue({ drawnPng: png, typedName: null });
  };
  const clear = () => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    setInked(false);
    onValue({ drawnPng: null, typedName: value.typedName });
  };

  return (
    <div class="signature-pad field" data-testid={testId}>
      <p id={`${id}-label`} class="signature-pad-label"><strong>{label}</strong></p>
      <p id={`${id}-hint`} class="field-hint">{hint}</p>
      <canvas
        id={`${id}-canvas`}
        ref={canvas}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
        data-testid={testId && `${testId}-canvas`}
      />
      <div class="signature-pad-line">
        <Button variant="secondary" onClick={clear} disabled={!inked} testId={testId && `${testId}-clear`}>{clearLabel}</Button>
      </div>
      {!inked && (
        <TextField
          label={typedLabel}
          value={value.typedName ?? ''}
          onValue={(v) => onValue({ drawnPng: null, typedName: v.trim() ? v : null })}
          autocomplete="name"
          maxLength={120}
          testId={testId && `${testId}-typed`}
        />
      )}
    </div>
  );
}
