/** A file that cannot be read as an .xlsx workbook; the message is for the user, in Vietnamese. */
export class UnreadableFileError extends Error {}
