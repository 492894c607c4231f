using Extractor.Cli.Commands;

// extractor: parse reports to JSON, evaluate against truth files, train the label model.
var usage = """
    extractor — figures from 政府信息公开工作年度报告, checked against the template's arithmetic

    Usage:
      extractor parse <file-or-folder>... [--out DIR] [--threshold 0.9] [--model FILE]
      extractor eval <folder>... [--json FILE] [--threshold 0.9] [--model FILE] [--verbose]
      extractor layout <file>
      extractor train [<folder>...] [--out FILE] [--seed N] [--cache DIR | --no-cache]
      extractor bench <file-or-folder>... [--repeat 20] [--concat]

    parse  writes DIR/<file name>.json for each document (stdout for one file without --out).
           Exit code 0 when every document was read, 1 when any failed (each failure named on stderr).
    eval   parses every document that has a truth file beside it (X.truth.json or X.<ext>.truth.json)
           and prints field accuracy, nonzero accuracy, silent errors and review share.
    layout prints what the reader saw: text blocks and table grids with their cells.
    train  trains the label model and the confidence calibration from data in the repository
           (labels harvested from the labelled documents of the folders, default testdata less
           testdata/image) and writes it (default src/Extractor/Mapping/Ml/label-model.zip).
           What the readers saw is cached (default ~/.cache/extractor/layouts) for the same
           bytes, engine build and OCR tools, so a second run does not OCR the scans again.
    bench  times each document per stage in one process (pdftotext -layout beside PDFs); CPU ms
           includes the helpers (pdftoppm, tesseract); --concat joins the input PDFs into one.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

Console.OutputEncoding = System.Text.Encoding.UTF8;
try
{
    var options = CliOptions.Parse(args.Skip(1).ToArray());
    return args[0] switch
    {
        "parse" => ParseCommand.Run(options),
        "eval" => EvalCommand.Run(options),
        "layout" => LayoutCommand.Run(options),
        "train" => TrainCommand.Run(options),
        "bench" => BenchCommand.Run(options),
        _ => Fail($"unknown command '{args[0]}'\n\n{usage}"),
    };
}
catch (CliUsageException ex)
{
    return Fail($"{ex.Message}\n\n{usage}");
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
