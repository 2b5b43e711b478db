import { CoreError, ErrorKind } from "../../src/core/errors";
import { cellName, messages } from "../../src/core/messages";

type Catalogue = typeof messages;

/**
 * Representative inputs for every message of the catalogue, including the awkward ones: a rule
 * phrase, an option that is not text, an incoming message with its own full stop, large numbers.
 * A message added to the catalogue without inputs here fails the first test below.
 */
const examples: { [K in keyof Catalogue]: Parameters<Catalogue[K]>[] } = {
  rowCountMismatch: [["benefits", 3, "costs", 2]],
  columnCountMismatch: [["perceived", 3, "expected", 2]],
  notOneColumn: [["value", 2]],
  emptyRange: [["benefits"], ["values"]],
  notOneCell: [["method", 3]],
  notANumber: [
    [cellName("benefits", 3, 1, 1), "n/a"],
    [cellName("costs", 7, 2, 3), true],
    [cellName("value", 2, 1, 1), { strange: 1 }],
  ],
  notFinite: [[cellName("value", 4, 1, 1)], ["value_cut"], ["weight 2"]],
  blankInPartialRow: [[cellName("match", 4, 1, 1)], [cellName("perceived", 2, 2, 3)]],
  incomingError: [
    [cellName("value", 2, 1, 1), ErrorKind.NotAvailable, ""],
    [cellName("benefits", 1, 1, 1), ErrorKind.DivByZero, "The costs in row 1 add up to 0."],
  ],
  errorInArgument: [
    ["value_cut", ErrorKind.NotAvailable, ""],
    ["method", ErrorKind.DivByZero, "price unknown."],
    ["weight 2", ErrorKind.Value, "a value the CX functions cannot read"],
    ["label 3", ErrorKind.Num, ""],
  ],
  resultOutOfRange: [
    ["the net value of row 3", "the benefits and costs in that row"],
    ["the score of row 1", "the ratings in that row"],
  ],
  negativeValue: [
    [cellName("values", 2, 1, 2), -2],
    [cellName("values", 9, 1, 1), -1e308],
  ],
  zeroTotal: [["values"]],
  zeroCost: [[4]],
  unknownChoice: [
    ["method", "gross", ["net", "ratio"]],
    ["output", 3, ["score", "label"]],
    ["output", false, ["score", "label"]],
  ],
  outOfRange: [
    ["top", 1.5, "a fraction greater than 0 and at most 1 (0.2 for the top 20 %)"],
    ["tolerance", -1, "zero or more rating points"],
  ],
  optionNotANumber: [
    ["top", "half", "a fraction greater than 0 and at most 1 (0.2 for the top 20 %)"],
    ["value_cut", "high", "a number"],
    ["weight 2", true, "a number, zero or more"],
    ["tolerance", "wide", "zero or more rating points"],
  ],
  weightsCount: [[2, 3]],
  weightBlank: [[2]],
  weightNegative: [[2, -1]],
  weightsAllZero: [[]],
  cutNeeded: [["value_cut"], ["match_cut"]],
  labelsCount: [[3]],
  labelBlank: [[2]],
  retentionOutOfRange: [[cellName("retention", 3, 1, 1), 1.2]],
  retentionOneWithoutPeriods: [[cellName("retention", 1, 1, 1)]],
  discountNegative: [[cellName("discount", 2, 1, 1), -0.1]],
  periodsNotWhole: [[cellName("periods", 1, 1, 1), 2.5]],
  churnCutTooLarge: [
    [cellName("retention", 1, 1, 1), 0.97, 0.05, false],
    [cellName("retention", 2, 1, 1), 0.97, 0.05, true],
  ],
  churnCutBelowZero: [[cellName("retention", 1, 1, 1), 0.02, -0.05]],
  liftOfZeroValue: [[cellName("retention", 4, 1, 1)]],
  broadcastColumnsMismatch: [["margin", 2, "retention", 3]],
  orderColumnsMismatch: [["customers", 10, "dates", 9]],
  notADateParameter: [
    ["as_of", "soon"],
    ["as_of", new CoreError(ErrorKind.NotAvailable, "")],
  ],
  notALogical: [["returns", "maybe"]],
  orderRowCountNeeded: [[]],
  orderRowMaskTooShort: [[3, 5]],
  orderProblem: [
    [cellName("customers", 5, 1, 1), "noCustomer", null, "type TRUE as returns"],
    [cellName("dates", 6, 1, 1), "notADate", "2026-02-31", "type TRUE as returns"],
    [cellName("amounts", 7, 1, 1), "negativeAmount", -20, "type TRUE as returns"],
    [cellName("amounts", 8, 1, 1), "notAnAmount", "ten", "type TRUE as returns"],
  ],
  orderProblems: [
    [new CoreError(ErrorKind.Value, "Row 5 of dates is blank: type the date of this order."), [7, 9], 2],
    [new CoreError(ErrorKind.Value, "Row 5 of dates is blank: type the date of this order."), [7], 4],
    [new CoreError(ErrorKind.Value, "Row 5 of dates is blank: type the date of this order."), [], 0],
  ],
  noOrdersByAsOf: [[12, "2026-01-31"]],
};

/** The argument names as Excel shows them: a message may start with one of these in lower case. */
const argumentNames = [
  "benefits",
  "costs",
  "method",
  "perceived",
  "expected",
  "weights",
  "output",
  "tolerance",
  "value",
  "match",
  "value_cut",
  "match_cut",
  "labels",
  "values",
  "top",
  "as_of",
  "returns",
  "margin",
  "retention",
  "discount",
  "periods",
  "customers",
  "dates",
  "amounts",
];

function render(): { name: string; text: string }[] {
  return Object.entries(examples).flatMap(([name, inputs]) =>
    (inputs as unknown[][]).map((input) => {
      const make = messages[name as keyof Catalogue] as (...args: unknown[]) => CoreError;
      return { name, text: make(...input).message };
    }),
  );
}

describe("the message catalogue", () => {
  it("has representative inputs for every message", () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(messages).sort());
  });

  it.each(render())("$name reads as a sentence: $text", ({ text }) => {
    expect(text).toMatch(/\.$/); // ends with a full stop
    expect(text).not.toMatch(/\s[.,:;]/); // no space before punctuation (" ." of an empty rule)
    expect(text).not.toMatch(/\.\.(?!\.)|\.\)|\.:/); // no doubled full stop, none inside a bracket or before a colon
    expect(text).not.toMatch(/ {2}/);
    expect(text).not.toMatch(/\b(\w+) \1\b/i); // no doubled word ("a a", "the the")
    expect(text).not.toMatch(/\ba (a|an|the)\b/i); // no "a a", "a the"
    expect(text).not.toMatch(/\ban? \w+ an? \w/); // no "a number a fraction …" (a rule glued after a noun)
    expect(text).not.toMatch(/\b(undefined|null|NaN|\[object)/);
    const firstWord = text.split(/[\s,:]/)[0];
    expect(/^[A-Z]/.test(text) || argumentNames.includes(firstWord)).toBe(true);
  });

  it("writes large numbers as Excel does", () => {
    expect(messages.negativeValue("row 9 of values", -1e308).message).toContain("is -1E+308:");
  });

  it("names an option that holds an error, and keeps the original message", () => {
    const error = messages.errorInArgument("value_cut", ErrorKind.NotAvailable, "no price yet.");
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toBeExcelError("#N/A", "value_cut holds the error #N/A (no price yet): fix the cell");
  });
});
