using Extractor.Mapping.Ml;

namespace Extractor.Tests.Ml;

/// <summary>The committed label model: noisy labels, context-bound labels, its figures, its version in results.</summary>
public class LabelModelTests
{
    private static LabelModel Model => LabelModel.Default ?? throw new InvalidOperationException("no committed label model");

    [Theory]
    [InlineData("本年新收政府信怠公开申请数量", "newReceived")]
    [InlineData("（四）无法提供 2.没有现成信息需要另行制作", "unableNeedsCreation")]
    [InlineData("3.危及“三安全一稳定", "deniedThreeSecurities")]
    [InlineData("属于三類內部事務信息", "deniedInternalAffairs")]
    [InlineData("要求行政机关确认或重新出具已获", "notProcessedConfirmation")]
    [InlineData("逾期未按收费通知要求缴纳费用", "otherOverdueFee")]
    public void Predict_ReturnsCanonicalRow_WhenLabelIsNoisy(string label, string expected)
    {
        var prediction = Model.Predict(LabelTask.Row, label);

        Assert.Equal(expected, prediction.Key);
        Assert.True(prediction.Probability > 0.5, $"{label}: {prediction.Probability}");
    }

    [Theory]
    [InlineData(LabelTask.Row, "3.其他", "otherOther")]
    [InlineData(LabelTask.Column, "其他", "other")]
    [InlineData(LabelTask.Row, "（七）总计", "resultsTotal")]
    [InlineData(LabelTask.Review, "总计", "total")]
    [InlineData(LabelTask.Review, "结果维持", "upheld")]
    [InlineData(LabelTask.Active, "规范性文件", "normativeDocuments")]
    public void Predict_ResolvesContextBoundLabel_ByTask(LabelTask task, string label, string expected)
    {
        Assert.Equal(expected, Model.Predict(task, label).Key);
    }

    [Fact]
    public void Predict_ReturnsNoneOrLowProbability_WhenTextIsNoRowLabel()
    {
        var prediction = Model.Predict(LabelTask.Row, "五、存在的主要问题及改进情况");

        Assert.True(prediction.Key == LabelSpace.None || prediction.Probability < 0.5, $"{prediction.Key} {prediction.Probability}");
    }

    [Fact]
    public void Predict_ClassifiesTableKind_FromHeaderText()
    {
        Assert.Equal("review", Model.Predict(LabelTask.Table, "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计").Key);
        Assert.Equal("other", Model.Predict(LabelTask.Table, "栏目名称 信息发布数量（条） 政务新媒体").Key);
    }

    [Fact]
    public void Manifest_RecordsNoisyRowAccuracy_AboveTargetAndAboveRules()
    {
        var metrics = Model.Manifest.Metrics;

        Assert.True(metrics["noisyRows.count"] >= 2000);
        Assert.True(metrics["noisyRows.accuracy.model"] >= 0.995, $"{metrics["noisyRows.accuracy.model"]}");
        Assert.True(metrics["noisyRows.accuracy.model"] > metrics["noisyRows.accuracy.rules"]);
        Assert.Equal(0, metrics["noisyRows.wrong.combined"]);
    }

    [Fact]
    public void Rows_ModelBeatsRules_OnFreshNoisySetKeptApartFromTraining()
    {
        var training = LabelCorpus.Training(new CorpusOptions { Seed = 2021 });
        var test = LabelCorpus.NoisyTestSet(LabelTask.Row, seed: 977, perClass: 60, training);

        var scores = LabelEvaluation.Rows(Model, test);

        Assert.True(test.Count > 800, $"{test.Count} test labels");
        var trainingTexts = training.Where(t => t.Task == LabelTask.Row).Select(t => LabelCorpus.ModelText(t.Text)).ToHashSet();
        Assert.DoesNotContain(test, e => trainingTexts.Contains(LabelCorpus.ModelText(e.Text)));
        Assert.True(scores.Model >= 0.99, $"model {scores.Model}");
        Assert.True(scores.Model > scores.Rules + 0.1, $"model {scores.Model}, rules {scores.Rules}");
    }

    [Fact]
    public void Extract_ReportsModelVersion_InEveryResult()
    {
        var extractor = new DocumentExtractor();

        var read = extractor.ExtractFile(TestPaths.TestData("text", "tab-utf8-bom.txt"));
        var failed = extractor.Extract([1, 2, 3], "junk.bin");

        Assert.Equal(Model.Version, read.Extractor.ModelVersion);
        Assert.Equal(Model.Version, failed.Extractor.ModelVersion);
        Assert.StartsWith("labels-", Model.Version);
    }
}
