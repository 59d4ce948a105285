"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { isCallError, supportsAudioOutputSelection, type DeviceList, type LocalMedia, type LocalMediaState } from "@parley/webrtc-client";
import { Check, ChevronUp, Settings } from "lucide-react";
import { cn } from "@/lib/cn";
import { mediaErrorMessage } from "../messages";
import { useTranslations } from "next-intl";
import { type DeviceKind, useDeviceLabel } from "./device-select";

type Props = {
  kind: "microphone" | "camera";
  media: LocalMedia;
  state: LocalMediaState;
  devices: DeviceList;
  onOpenSettings: () => void;
  /** A switch failed (device busy, unplugged): the words to show. */
  onError: (message: string) => void;
  className?: string;
};

const menu = "z-50 max-h-[70dvh] w-[min(92vw,20rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 text-slate-900 shadow-lg";
const item = "flex min-h-9 cursor-pointer items-center gap-2 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-slate-100";
const heading = "px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase";

/** One radio list of devices; the current one is checked. */
function DeviceGroup(p: { title: string; kind: DeviceKind; emptyLabel: string; devices: readonly MediaDeviceInfo[]; value: string | null; onSelect: (deviceId: string) => void }) {
  const deviceLabel = useDeviceLabel();
  return (
    <DropdownMenu.Group>
      <DropdownMenu.Label className={heading}>{p.title}</DropdownMenu.Label>
      {p.devices.length === 0 ? (
        <DropdownMenu.Item disabled className={cn(item, "text-slate-500")}>
          {p.emptyLabel}
        </DropdownMenu.Item>
      ) : (
        <DropdownMenu.RadioGroup value={p.value ?? ""} onValueChange={p.onSelect}>
          {p.devices.map((device, i) => (
            <DropdownMenu.RadioItem key={device.deviceId} value={device.deviceId} className={cn(item, "relative pl-8")}>
              <DropdownMenu.ItemIndicator className="absolute left-2.5">
                <Check aria-hidden className="size-4" />
              </DropdownMenu.ItemIndicator>
              <span className="truncate">{deviceLabel(device, i, p.kind)}</span>
            </DropdownMenu.RadioItem>
          ))}
        </DropdownMenu.RadioGroup>
      )}
    </DropdownMenu.Group>
  );
}

/** The small chevron beside the microphone or camera button: pick a device without opening the settings. */
export function DeviceMenu({ kind, media, state, devices, onOpenSettings, onError, className }: Props) {
  const t = useTranslations("settings");
  const tDevices = useTranslations("devices");
  const tm = useTranslations("callMessages");
  const run = (action: () => Promise<void> | void) =>
    void Promise.resolve()
      .then(action)
      .catch((failure: unknown) => onError(isCallError(failure) ? mediaErrorMessage(tm, failure.code) : t("failed")));
  const label = kind === "microphone" ? t("microphoneOptions") : t("cameraOptions");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          aria-label={label}
          title={label}
          className={cn("flex h-11 w-7 shrink-0 items-center justify-center rounded-full bg-slate-700 text-white hover:bg-slate-600 sm:h-12 [&_svg]:size-4", className)}
        >
          <ChevronUp aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content side="top" sideOffset={8} collisionPadding={8} className={menu}>
          {kind === "microphone" ? (
            <>
              <DeviceGroup title={tDevices("microphone")} kind="microphone" emptyLabel={t("noDevices")} devices={devices.microphones} value={state.microphoneId} onSelect={(id) => run(() => media.selectMicrophone(id))} />
              {supportsAudioOutputSelection() && (
                <>
                  <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
                  <DeviceGroup title={tDevices("speaker")} kind="speaker" emptyLabel={t("noDevices")} devices={devices.speakers} value={state.speakerId} onSelect={(id) => run(() => media.selectSpeaker(id))} />
                </>
              )}
            </>
          ) : (
            <DeviceGroup title={tDevices("camera")} kind="camera" emptyLabel={t("noDevices")} devices={devices.cameras} value={state.cameraId} onSelect={(id) => run(() => media.selectCamera(id))} />
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item className={item} onSelect={onOpenSettings}>
            <Settings aria-hidden className="size-4" />
            {kind === "microphone" ? t("audioSettings") : t("videoSettings")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
