"use client";
import { useTranslations } from "next-intl";


const select = "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 disabled:opacity-60";

export type DeviceKind = "camera" | "microphone" | "speaker";

/** A device's name; browsers hide names until a permission was granted, so fall back to "Camera 2". */
export function useDeviceLabel(): (device: MediaDeviceInfo, index: number, kind: DeviceKind) => string {
  const t = useTranslations("devices");
  return (device, index, kind) => device.label || t(`unnamed.${kind}`, { n: index + 1 });
}

type Props = {
  id: string;
  label: string;
  /** The device kind, for a fallback name ("Camera 2"). */
  kind: DeviceKind;
  devices: readonly MediaDeviceInfo[];
  value: string | null;
  /** Shown (disabled) when there is nothing to choose. */
  emptyLabel: string;
  onSelect: (deviceId: string) => void;
};

/** A labelled list of one kind of device. */
export function DeviceSelect({ id, label, kind, devices, value, emptyLabel, onSelect }: Props) {
  const deviceLabel = useDeviceLabel();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} className={select} value={value ?? ""} disabled={devices.length === 0} onChange={(event) => onSelect(event.target.value)}>
        {devices.length === 0 && <option value="">{emptyLabel}</option>}
        {devices.map((device, i) => (
          <option key={device.deviceId} value={device.deviceId}>
            {deviceLabel(device, i, kind)}
          </option>
        ))}
      </select>
    </div>
  );
}
