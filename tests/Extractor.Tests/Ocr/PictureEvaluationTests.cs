using Extractor.Evaluation;
using Extractor.Results;

namespace Extractor.Tests.Ocr;

/// <summary>
/// Reports whose tables are pictures (testdata/docx/picture-tables.docx: PNG and JPEG;
/// testdata/html/picture-tables.html: data: URIs), read end to end by OCR (about 20 s each):
/// field accuracy of at least 97 % with no silent error, every table figure flagged ocr, and 表二
/// (no arithmetic to confirm it) left for review. Skipped where tesseract or pdftoppm is missing.
/// </summary>
public class PictureEvaluationTests
{
    [RequiresToolTheory("tesseract", "pdftoppm")]
    [InlineData("docx", "picture-tables.docx")]
    [InlineData("html", "picture-tables.html")]
    public void Extract_ReadsTablePictures_AtTheTargetLevel_WithoutSilentErrors(string folder, string name)
    {
        var path = TestPaths.TestData(folder, name);

        var result = new DocumentExtractor().ExtractFile(path);
        var score = Evaluator.Score(path, result, TruthFile.Load(TruthFile.For(path)!));

        Assert.Equal(0, score.SilentErrors);
        var accuracy = (double)score.Correct / score.Fields;
        Assert.True(accuracy >= 0.97, $"field accuracy {accuracy:P2} ({score.Correct}/{score.Fields})\n{string.Join("\n", score.Wrong)}");
        var read = result.Fields.Values.Where(f => f.Value is not null).ToList();
        Assert.All(read, f => Assert.Contains(Flags.Ocr, f.Flags));
        Assert.Equal(FieldStatus.Review, result.Fields["active.licensing"].Status);
        Assert.Contains(result.Warnings, w => w.StartsWith("3 picture(s) read by OCR", StringComparison.Ordinal));
    }
}
