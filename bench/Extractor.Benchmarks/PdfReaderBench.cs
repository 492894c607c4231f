using BenchmarkDotNet.Attributes;
using Extractor.Readers.Pdf;

namespace Extractor.Benchmarks;

/// <summary>
/// The PDF reader alone (decoding, lattice/stream tables, joins), bytes in memory: how much of a
/// PDF's parse time is the reader, against <see cref="ParseBenchmarks"/> for the whole pipeline.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PdfReaderBench
{
    private readonly PdfReader _reader = new();
    private byte[] _bytes = [];

    [Params("pdf/lo-type1-ruled-pagebreak.pdf", "pdf/lo-truetype-borderless-variants.pdf", "pdf/chromium-type3-landscape-blank-cells.pdf")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(Path.Combine(ParseBenchmarks.RepoRoot(), "testdata", Document));

    [Benchmark]
    public int Read() => _reader.Read(_bytes, Path.GetFileName(Document)).Blocks.Count;
}
