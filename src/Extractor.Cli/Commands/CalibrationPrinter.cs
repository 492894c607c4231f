using System.Globalization;
using Extractor.Evaluation;

namespace Extractor.Cli.Commands;

/// <summary>Prints the reliability table, the expected calibration error and the threshold curve of an eval run.</summary>
public static class CalibrationPrinter
{
    public static void Print(CalibrationReport report, DocumentExtractor extractor)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("reliability (fields with a value): confidence bin, fields, mean confidence, observed accuracy");
        foreach (var b in report.Bins().Where(b => b.Count > 0))
        {
            Console.WriteLine(string.Create(inv, $"  [{b.Low:0.000}, {b.High:0.000})  {b.Count,7}  {b.MeanConfidence,8:0.0000}  {b.Accuracy,8:0.0000}"));
        }
        Console.WriteLine(string.Create(inv, $"expected calibration error (ECE): {report.ExpectedCalibrationError():0.00000}"));
        var inUse = extractor.Threshold;
        Console.WriteLine();
        Console.WriteLine("threshold curve: threshold, silent errors, review share");
        foreach (var (t, silent, review) in report.Curve())
        {
            var mark = Math.Abs(t - inUse) < 1e-9 ? "  ← in use" : "";
            Console.WriteLine(string.Create(inv, $"  {t,6:0.000}  {silent,6}  {review,8:P2}{mark}"));
        }
        Console.WriteLine(string.Create(inv,
            $"lowest threshold with no silent error here: {report.ChosenThreshold():0.000}; in use: {inUse:0.000} (model {extractor.Model?.Version ?? "none"})"));
    }
}
