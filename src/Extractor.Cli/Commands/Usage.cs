namespace Extractor.Cli.Commands;

/// <summary>The usage text of the program and of each command (printed by --help / -h, exit 0).</summary>
public static class Usage
{
    public const string Program = """
        extractor — figures from 政府信息公开工作年度报告, checked against the template's arithmetic

        Usage:
          extractor parse <file-or-folder>... [--out DIR] [--threshold T] [--model FILE] [--quiet]
          extractor eval <folder>... [--json FILE] [--threshold T] [--model FILE] [--synthetic N] [--verbose]
          extractor layout <file>
          extractor train [<folder>...] [--out FILE] [--seed N] [--cache DIR | --no-cache]
          extractor bench <file-or-folder>... [--repeat N] [--concat]

        `extractor <command> --help` prints the usage of one command.
        """;

    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parse"] = """
            extractor parse <file-or-folder>... [--out DIR] [--threshold T] [--model FILE] [--quiet]

            Writes one result JSON per document: DIR/<file name>.json, or stdout for a single file without --out.
            A document that cannot be read is named on stderr with the reason, the rest go on, and a closing
            summary names every failed file. Exit code 0 when every document was read, 1 when any failed,
            2 for a usage error.

              --out DIR        folder for the result files (needed for several documents)
              --threshold T    ok threshold between 0 and 1 (default: the model's, see the manifest)
              --model FILE     a label model file other than the embedded one (e.g. one just trained)
              --quiet          no closing "n of m read" line
            """,
        ["eval"] = """
            extractor eval <folder>... [--json FILE] [--threshold T] [--model FILE] [--synthetic N] [--verbose]

            Parses every document with a truth file beside it (X.truth.json or X.<ext>.truth.json) and prints,
            per format and in total, field accuracy, nonzero accuracy, silent errors (wrong but ok), review
            share and documents fully right; then a reliability table, the expected calibration error and the
            threshold curve. Documents that could not be read are named at the end.

              --json FILE      also write the figures as JSON
              --threshold T    ok threshold between 0 and 1
              --model FILE     evaluate a model file other than the embedded one
              --synthetic N    add N generated labelled reports (--seed S, --synthetic-out DIR to keep them)
              --verbose        list every wrong field
            """,
        ["layout"] = """
            extractor layout <file>

            Prints what the reader saw: format, pages, warnings, text blocks and table grids cell by cell.
            """,
        ["train"] = """
            extractor train [<folder>...] [--out FILE] [--seed N] [--cache DIR | --no-cache]

            Trains the label model and the confidence calibration from data in the repository (labels
            harvested from the labelled documents of the folders, default testdata less testdata/image) and
            writes it (default src/Extractor/Mapping/Ml/label-model.zip). What the readers saw is cached
            (default ~/.cache/extractor/layouts) for the same bytes, engine build and OCR tools.

              --out FILE       where to write the model
              --seed N         random seed (default 2021); the same seed gives the same bytes
              --cache DIR      layout cache folder;  --no-cache reads everything afresh
            """,
        ["bench"] = """
            extractor bench <file-or-folder>... [--repeat N] [--concat]

            Times each document per stage in one process, with allocations and peak working set;
            pdftotext -layout beside PDFs. CPU ms includes the helpers (pdftoppm, tesseract).

              --repeat N       runs per document after warm-up (default 20)
              --concat         join the input PDFs into one document first
            """,
    };

    /// <summary>True when the arguments after the command ask for help.</summary>
    public static bool AsksForHelp(IEnumerable<string> args) => args.Any(a => a is "-h" or "--help");
}
