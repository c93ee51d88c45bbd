using Fengqiao.Sla.Internal;
using Fengqiao.TestSupport;

namespace Fengqiao.Sla.Tests.Data;

public class EmbeddedDataTests
{
    [Fact]
    public void EmbeddedFiles_SharedDataFolderPresent_AreByteIdentical()
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));
        foreach (var name in EmbeddedData.FileNames)
        {
            using var stream = EmbeddedData.Open(name);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(copy.Length > 0, $"{name} is empty");
            var original = Path.Combine(shared, name);
            if (Directory.Exists(shared))
            {
                Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(copy.ToArray()), $"{name} differs from {original}");
            }
        }
    }

    [Fact]
    public void EmbeddedTables_Parse_WithExpectedRowCountsAndProvenance()
    {
        Assert.Equal(328, EmbeddedData.National.Count);
        Assert.All(EmbeddedData.National, e => Assert.Contains("国务院办公厅关于", e.Provenance));
        Assert.Equal(9, EmbeddedData.Festivals.Count);
        Assert.Equal(new NodaTime.LocalDate(2027, 2, 6), EmbeddedData.Festivals[2027].SpringFestival);
        Assert.All(EmbeddedData.Xinjiang.Where(e => e.Date.Year is 2024 or 2026), e =>
        {
            Assert.True(e.IsProvisional);
            Assert.Contains("provisional", e.Provenance);
        });
        Assert.All(EmbeddedData.Xinjiang.Where(e => e.Date.Year is 2023 or 2025), e => Assert.False(e.IsProvisional));
    }
}
