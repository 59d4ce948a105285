import type { MediaDevicesLike } from "../../media/local-media";

/**
 * The page's real devices (fake camera and microphone under Chromium's test flags), except getDisplayMedia, which
 * needs a user gesture and a picker: headless tests share an animated canvas instead.
 */
export function devicesWithCanvasScreen(): MediaDevicesLike {
  const devices = navigator.mediaDevices;
  return {
    getUserMedia: (c) => devices.getUserMedia(c),
    enumerateDevices: () => devices.enumerateDevices(),
    getDisplayMedia: async () => {
      const canvas = document.createElement("canvas");
      canvas.width = 320;
      canvas.height = 180;
      const ctx = canvas.getContext("2d");
      let n = 0;
      setInterval(() => {
        if (!ctx) return;
        ctx.fillStyle = `hsl(${(n += 7) % 360} 80% 50%)`;
        ctx.fillRect(0, 0, 320, 180);
      }, 50);
      return canvas.captureStream(15);
    },
  };
}
