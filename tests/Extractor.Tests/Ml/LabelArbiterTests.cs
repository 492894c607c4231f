using Extractor.Mapping.Ml;
using Extractor.Results;

namespace Extractor.Tests.Ml;

/// <summary>Rules first, the model where the rules are unsure; the evidence says which decided.</summary>
public class LabelArbiterTests
{
    private static LabelModel Model => LabelModel.Default ?? throw new InvalidOperationException("no committed label model");

    [Fact]
    public void ClassifyRow_KeepsRules_WhenLabelIsExact()
    {
        var decided = LabelArbiter.ClassifyRow(["1.属于国家秘密"], Model);

        Assert.Equal("deniedStateSecret", decided.Key);
        Assert.False(decided.ByModel);
    }

    [Fact]
    public void ClassifyRow_UsesModel_WhenParentIsGluedToANoisyChild()
    {
        // The rules see a label starting with 其他处理 (the collapsed （六） row); the child is 3.其他.
        var decided = LabelArbiter.ClassifyRow(["（六）其他处理3.甚他"], Model);

        Assert.Equal("otherOther", decided.Key);
        Assert.True(decided.ByModel);
    }

    [Fact]
    public void ClassifyRow_Abstains_WhenNeitherRulesNorModelKnowTheText()
    {
        Assert.Equal(LabelSpace.None, LabelArbiter.ClassifyRow(["联系电话"], Model).Key);
    }

    [Fact]
    public void Extract_FlagsLabelMlWithScore_WhenModelDecidedTheRow()
    {
        var result = new DocumentExtractor().ExtractFile(TestPaths.TestData("text", "layout-spaces.txt"));

        var byModel = result.Fields.Values.Where(f => f.Flags.Contains(Flags.LabelMl)).ToList();
        Assert.NotEmpty(byModel);
        Assert.All(byModel, f => Assert.DoesNotContain(Flags.LabelRule, f.Flags));
        Assert.All(byModel, f => Assert.InRange(f.Evidence!.LabelScore!.Value, 0.55, 1.0));
        Assert.Contains(result.Fields.Values, f => f.Flags.Contains(Flags.LabelRule));
    }
}
