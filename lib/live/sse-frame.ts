/** One Server-Sent Events frame: its id (what a viewer resumes from), its event name and its JSON data. */
export const frame = (id: number, event: string, data: unknown) =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
