using System.Globalization;
using Extractor.BadInput;
using Extractor.Evaluation;
using Extractor.Results;
using Extractor.Server.Isolation;
using Microsoft.Extensions.Logging.Abstractions;

// The bad-input fuzz pass: seeded mutants of testdata/ (and the hand-made nasties of scripts/badinput) run through
// the same isolated worker pool as the service. Reports every crash (the worker died), hang (over its deadline or
// memory budget), unnamed failure (a failed result whose message does not name the reason in plain words) and
// silent error (a field marked ok whose value differs from the original's truth). Exit code 1 when any is found.
//
//   dotnet run --project bench/Extractor.Fuzz -- [--seed N] [--count N] [--testdata DIR] [--no-ocr] [--nasties] [--write DIR]
// --no-ocr leaves out the scans and pictures (OCR takes seconds a page): the short pass of CI.
var seed = 1;
var count = 300;
var testdata = "testdata";
var nasties = false;
string? write = null;
var noOcr = false;
var overhead = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--testdata": testdata = args[++i]; break;
        case "--nasties": nasties = true; break;
        case "--no-ocr": noOcr = true; break;
        case "--overhead": overhead = true; break;
        case "--write": write = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

if (write is not null)
{
    Directory.CreateDirectory(write);
    foreach (var (name, bytes) in Nasties())
    {
        File.WriteAllBytes(Path.Combine(write, name), bytes);
        Console.WriteLine($"{name}: {bytes.Length} bytes");
    }
    return 0;
}

var originals = TruthFile.LabelledDocuments([testdata])
    .Where(p => new FileInfo(p).Length < 1024 * 1024)
    .Where(p => !noOcr || !(p.Contains("/scan/", StringComparison.Ordinal) || p.Contains("/image/", StringComparison.Ordinal) || p.Contains("picture", StringComparison.Ordinal)))
    .Select(p => (Path: p, Bytes: File.ReadAllBytes(p), Truth: TruthFile.Load(TruthFile.For(p)!)))
    .ToList();
if (originals.Count == 0)
{
    Console.Error.WriteLine($"no labelled documents under {testdata}");
    return 2;
}
var isolation = new IsolationOptions { BaseSeconds = 30, SecondsPerMegabyte = 10, SecondsPerPdfPage = 4 };
using var pool = new ExtractorPool(isolation, new Extractor.ExtractorOptions(), NullLogger<ExtractorPool>.Instance);
if (overhead)
{
    // What isolation costs a document: the same files in this process and through a warm worker.
    var files = originals.Where(o => !o.Path.Contains("/scan/", StringComparison.Ordinal) && !o.Path.Contains("/image/", StringComparison.Ordinal)).Take(20).ToList();
    var inProcess = new Extractor.DocumentExtractor();
    foreach (var f in files.Take(3))
    {
        inProcess.Extract(f.Bytes, Path.GetFileName(f.Path));
        await pool.ExtractAsync(f.Bytes, Path.GetFileName(f.Path), CancellationToken.None);
    }
    var a = System.Diagnostics.Stopwatch.StartNew();
    foreach (var f in files)
    {
        inProcess.Extract(f.Bytes, Path.GetFileName(f.Path));
    }
    var local = a.Elapsed.TotalMilliseconds / files.Count;
    a.Restart();
    foreach (var f in files)
    {
        await pool.ExtractAsync(f.Bytes, Path.GetFileName(f.Path), CancellationToken.None);
    }
    var isolated = a.Elapsed.TotalMilliseconds / files.Count;
    var start = System.Diagnostics.Stopwatch.StartNew();
    using (var fresh = new ExtractorPool(isolation, new Extractor.ExtractorOptions(), NullLogger<ExtractorPool>.Instance))
    {
        await fresh.ExtractAsync(files[0].Bytes, Path.GetFileName(files[0].Path), CancellationToken.None);
    }
    Console.WriteLine($"{files.Count} documents: {local:0} ms each in process, {isolated:0} ms each in a warm worker "
        + $"(overhead {isolated - local:0} ms); a cold worker's first document {start.Elapsed.TotalMilliseconds:0} ms");
    return 0;
}
var random = new Random(seed);
var cases = new List<(string Name, byte[] Bytes, TruthFile? Truth)>();
for (var i = 0; i < count; i++)
{
    var (path, bytes, truth) = originals[random.Next(originals.Count)];
    var (op, mutant) = Mutate(bytes, random);
    cases.Add(($"{i:D4}-{op}-{Path.GetFileName(path)}", mutant, truth));
}
if (nasties)
{
    cases.AddRange(Nasties().Select(n => (n.Name, n.Bytes, (TruthFile?)null)));
}

int crashes = 0, hangs = 0, silent = 0, unnamed = 0, failed = 0, read = 0;
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (var (name, bytes, truth) in cases)
{
    var fileName = name[(name.IndexOf('-', 5) + 1)..];
    var outcome = await pool.ExtractAsync(bytes, fileName, CancellationToken.None);
    if (outcome.Elapsed > TimeSpan.FromSeconds(5))
    {
        Console.WriteLine($"slow   {name}: {outcome.Elapsed.TotalSeconds:0.0} s");
    }
    switch (outcome.End)
    {
        case IsolatedEnd.Died:
            crashes++;
            Console.WriteLine($"CRASH  {name}: {outcome.Detail}");
            continue;
        case IsolatedEnd.OverTime or IsolatedEnd.OverMemory:
            hangs++;
            Console.WriteLine($"HANG   {name}: {outcome.Detail}");
            continue;
    }
    var result = outcome.Result!;
    if (result.Status == "failed")
    {
        failed++;
        if (!Named(result.Error))
        {
            unnamed++;
            Console.WriteLine($"UNCLEAR {name}: {result.Error}");
        }
        continue;
    }
    read++;
    if (truth is not null)
    {
        var score = Evaluator.Score(name, result, truth);
        if (score.SilentErrors > 0)
        {
            silent += score.SilentErrors;
            Console.WriteLine($"SILENT {name}: {score.SilentErrors} wrong field(s) marked ok: "
                + string.Join("; ", score.Wrong.Where(w => w.EndsWith("(ok)", StringComparison.Ordinal)).Take(3)));
        }
    }
}
Console.WriteLine($"fuzz seed {seed}: {cases.Count} cases in {clock.Elapsed.TotalSeconds:0} s ({pool.Started} worker(s) started): "
    + $"{read} read, {failed} failed with a reason, {crashes} crashes, {hangs} hangs, {silent} silent errors, {unnamed} unclear failures");
return crashes + hangs + silent + unnamed == 0 ? 0 : 1;

// A failure message must say what is wrong in plain words, and carry no library text.
static bool Named(string? error)
{
    if (string.IsNullOrWhiteSpace(error))
    {
        return false;
    }
    string[] leaks = ["Exception", "raise an issue", " at ", "Token", "stack"];
    return !leaks.Any(l => error.Contains(l, StringComparison.Ordinal));
}

static (string Op, byte[] Bytes) Mutate(byte[] original, Random random)
{
    var bytes = original.ToList();
    switch (random.Next(6))
    {
        case 0:
            for (var n = random.Next(1, 9); n > 0; n--)
            {
                byte b;
                do { b = (byte)random.Next(256); } while (b is >= (byte)'0' and <= (byte)'9');
                bytes[random.Next(bytes.Count)] = b;
            }
            return ("flip", [.. bytes]);
        case 1:
            for (var n = random.Next(1, 31); n > 0; n--)
            {
                bytes.Insert(random.Next(bytes.Count), 0);
            }
            return ("nul", [.. bytes]);
        case 2:
            return ("truncate", [.. bytes.Take(random.Next(bytes.Count))]);
        case 3:
        {
            var at = random.Next(bytes.Count);
            var length = Math.Min(bytes.Count - at, random.Next(1, 512));
            var copy = bytes.GetRange(at, length);
            bytes.InsertRange(random.Next(bytes.Count), copy);
            return ("duplicate", [.. bytes]);
        }
        case 4:
        {
            var at = random.Next(bytes.Count);
            bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64)));
            return ("cut", [.. bytes]);
        }
        default:
        {
            // Zero a run (a damaged sector).
            var at = random.Next(bytes.Count);
            for (var k = at; k < Math.Min(bytes.Count, at + random.Next(16, 4096)); k++)
            {
                bytes[k] = 0;
            }
            return ("zeros", [.. bytes]);
        }
    }
}

static IEnumerable<(string Name, byte[] Bytes)> Nasties()
{
    yield return ("page-tree-100000.pdf", BadInputs.PdfDeepPageTree());
    yield return ("reference-chain-5000.pdf", BadInputs.PdfReferenceChain());
    yield return ("nested-tables-20000.docx", BadInputs.DocxNestedTables());
    yield return ("nested-content-controls-50000.docx", BadInputs.DocxNestedContentControls());
    yield return ("bomb.docx", BadInputs.DocxBomb());
    yield return ("deep-100000.html", BadInputs.HtmlDeep());
    yield return ("digits.txt", BadInputs.Digits());
}
