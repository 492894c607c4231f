using System.Globalization;
using System.Text;
using Extractor.Readers.External;
using Polly.Timeout;

namespace Extractor.Readers.Ocr;

/// <summary>A word Tesseract read, with its box in the image's pixels and its confidence (0–100).</summary>
public sealed record OcrWord(string Text, int X0, int Y0, int X1, int Y1, double Confidence, int Block, int Paragraph, int Line)
{
    public int CentreX => (X0 + X1) / 2;
    public int CentreY => (Y0 + Y1) / 2;
}

/// <summary>
/// The Tesseract command line (tesseract-ocr 5), run through <see cref="ExternalProcess"/>: TSV
/// output gives words with boxes. OMP_THREAD_LIMIT=1 because its OpenMP threads cost 2–6× the time
/// on a loaded worker (PITFALLS.md).
/// </summary>
public static class Tesseract
{
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    private static long _totalRuns;

    /// <summary>Tesseract processes started by this process so far (the benchmark reports runs per page).</summary>
    public static long TotalRuns => Interlocked.Read(ref _totalRuns);

    public static string? ExecutablePath => ExternalProcess.Find("tesseract");

    /// <summary>Tesseract with the chi_sim language data (labels and prose are Chinese).</summary>
    public static bool IsAvailable => Available.Value;

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (ExecutablePath is not { } exe)
        {
            return false;
        }
        try
        {
            var output = ExternalProcess.Run(exe, ["--list-langs"], TimeSpan.FromSeconds(20));
            var text = Encoding.UTF8.GetString(output.StandardOutput) + output.StandardError;
            return text.Split('\n').Any(l => l.Trim() == "chi_sim");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Recognises <paramref name="image"/>; <paramref name="whitelist"/> limits the characters (digits for figures).</summary>
    public static List<OcrWord> Recognize(GrayImage image, string language, int pageSegmentationMode, int dpi, string? whitelist, CancellationToken cancellationToken) =>
        RecognizeMany([image], language, pageSegmentationMode, dpi, whitelist, cancellationToken)[0];

    /// <summary>
    /// Recognises several images in one Tesseract process (it takes a file listing images, each
    /// read alone with the same settings): one start-up and one load of the language data for all.
    /// Words per image, in that image's pixels. <see cref="Timeout"/> is for a page's worth of pixels
    /// (A4 at 150 dpi, as the text is read); a run over more, several pages' strips and text, gets as
    /// many timeouts as it holds pages' worth.
    /// </summary>
    public static List<List<OcrWord>> RecognizeMany(IReadOnlyList<GrayImage> images, string language, int pageSegmentationMode, int dpi, string? whitelist, CancellationToken cancellationToken)
    {
        if (images.Count == 0)
        {
            return [];
        }
        var exe = ExecutablePath ?? throw new InvalidOperationException("tesseract is not installed");
        using var temp = new TempFolder("extractor-ocr-");
        string input;
        if (images.Count == 1)
        {
            input = temp.File("image.pgm");
            File.WriteAllBytes(input, images[0].ToPgm());
        }
        else
        {
            var names = new List<string>();
            for (var i = 0; i < images.Count; i++)
            {
                names.Add(temp.File($"image-{i}.pgm"));
                File.WriteAllBytes(names[^1], images[i].ToPgm());
            }
            input = temp.File("images.txt");
            File.WriteAllLines(input, names);
        }
        var args = new List<string> { input, "stdout", "-l", language, "--psm", pageSegmentationMode.ToString(CultureInfo.InvariantCulture), "--dpi", dpi.ToString(CultureInfo.InvariantCulture) };
        if (whitelist is not null)
        {
            args.AddRange(["-c", $"tessedit_char_whitelist={whitelist}"]);
        }
        args.Add("tsv");
        Interlocked.Increment(ref _totalRuns);
        var pixels = images.Sum(i => (long)i.Width * i.Height);
        var timeout = Timeout * Math.Max(1.0, pixels / (double)PagePixels);
        var output = ExternalProcess.Run(exe, args, timeout, new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" }, temp.Path, cancellationToken);
        if (output.ExitCode != 0)
        {
            throw new IOException($"tesseract failed (exit {output.ExitCode}): {output.StandardError.Trim()}");
        }
        var words = ParsePages(Encoding.UTF8.GetString(output.StandardOutput));
        return Enumerable.Range(1, images.Count).Select(page => words.GetValueOrDefault(page) ?? []).ToList();
    }

    /// <summary>A word read on an image of half the size, in the full-size image's pixels.</summary>
    internal static OcrWord Doubled(OcrWord w) => w with { X0 = 2 * w.X0, Y0 = 2 * w.Y0, X1 = 2 * w.X1, Y1 = 2 * w.Y1 };

    /// <summary>An A4 page at 150 dpi, in pixels: the work one <see cref="Timeout"/> is meant for.</summary>
    private const long PagePixels = 1240L * 1754;

    /// <summary>
    /// level page_num block par line word left top width height conf text; level 5 rows are words,
    /// page_num counts the images of a list from 1.
    /// </summary>
    private static Dictionary<int, List<OcrWord>> ParsePages(string tsv)
    {
        var pages = new Dictionary<int, List<OcrWord>>();
        foreach (var line in tsv.Split('\n'))
        {
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || f[0] != "5" || string.IsNullOrWhiteSpace(f[11]))
            {
                continue;
            }
            int N(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            var conf = double.Parse(f[10], CultureInfo.InvariantCulture);
            var page = N(1);
            if (!pages.TryGetValue(page, out var words))
            {
                pages[page] = words = [];
            }
            words.Add(new OcrWord(f[11].Trim(), N(6), N(7), N(6) + N(8), N(7) + N(9), conf, N(2), N(3), N(4)));
        }
        return pages;
    }
}
