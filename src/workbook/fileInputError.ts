/** A file that cannot be read or written as asked; `message` is one line for the user, naming the file. */
export class FileInputError extends Error {}
