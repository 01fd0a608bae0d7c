/** Real, tiny images (2×2 pixels, made with ffmpeg) for upload tests. */
export const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAD0lEQVR4nGNgqGcAIQgFAA3yAf0TIoIjAAAAAElFTkSuQmCC",
  "base64",
);
export const tinyJpeg = Buffer.from(
  "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgHBwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABLAAEBAAAAAAAAAAAAAAAAAAAABgEBAAAAAAAAAAAAAAAAAAAABhABAAAAAAAAAAAAAAAAAAAAABEBAAAAAAAAAAAAAAAAAAAAAP/AABEIAAIAAgMBIgACEQADEQD/2gAMAwEAAhEDEQA/AIsAVCX/2Q==",
  "base64",
);
export const tinyWebp = Buffer.from(
  "UklGRjgAAABXRUJQVlA4ICwAAADQAQCdASoCAAIAAgA0JaACdLoB+AADsAD+8Oj3/yC5YXXI1/5sCua5+agAAA==",
  "base64",
);
export const tinyLosslessWebp = Buffer.from("UklGRhwAAABXRUJQVlA4TA8AAAAvAUAAAAdQwMz+ByKi/wEA", "base64");

export const svgScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
);
export const htmlPage = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

/** A PNG text chunk (tEXt) carrying `text`, with a correct length; the CRC is not checked by anyone here. */
export function pngWithTextChunk(text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, "latin1");
  const chunk = Buffer.concat([Buffer.alloc(4), Buffer.from("tEXt"), data, Buffer.alloc(4)]);
  chunk.writeUInt32BE(data.length, 0);
  const iend = tinyPng.length - 12;
  return Buffer.concat([tinyPng.subarray(0, iend), chunk, tinyPng.subarray(iend)]);
}
