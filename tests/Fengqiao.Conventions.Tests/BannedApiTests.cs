using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Fengqiao.TestSupport;

namespace Fengqiao.Conventions.Tests;

/// <summary>
/// Reads the IL metadata of every shipped assembly and fails if it references a member that
/// <c>eng/BannedSymbols.txt</c> bans: the analyzer stops it at build time, this proves it on the binaries.
/// </summary>
public class BannedApiTests
{
    [Theory]
    [MemberData(nameof(ShippedAssemblies.All), MemberType = typeof(ShippedAssemblies))]
    public void ShippedAssembly_ReferencesNoBannedMember(string assemblyName)
    {
        var banned = BannedMembers();
        var used = ReferencedMembers(ShippedAssemblies.Load(assemblyName).Location);

        var offending = used.Where(banned.Contains).Order().ToList();

        Assert.True(offending.Count == 0, $"{assemblyName} references banned members: {string.Join(", ", offending)}");
    }

    [Fact]
    public void BannedList_NamesTheClockAndSleepMembers()
    {
        var banned = BannedMembers();

        Assert.Contains("System.DateTime.get_Now", banned);
        Assert.Contains("System.DateTime.get_UtcNow", banned);
        Assert.Contains("System.DateTimeOffset.get_Now", banned);
        Assert.Contains("NodaTime.SystemClock.get_Instance", banned);
        Assert.Contains("System.Threading.Thread.Sleep", banned);
    }

    [Fact]
    public void ReferencedMembers_SeesAClockRead_InAnAssemblyThatHasOne()
    {
        // This test assembly reads DateTime.UtcNow below, so the scanner must see it: the check can fail.
        var used = ReferencedMembers(typeof(BannedApiTests).Assembly.Location);

        Assert.Contains("System.DateTime.get_UtcNow", used);
        _ = DateTime.UtcNow;
    }

    private static HashSet<string> BannedMembers()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("eng", "BannedSymbols.txt"));
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Length > 2 && l[1] == ':'))
        {
            var id = line[2..].Split(';')[0];
            var kind = line[0];
            var withoutArgs = id.Split('(')[0];
            var dot = withoutArgs.LastIndexOf('.');
            var type = withoutArgs[..dot];
            var member = withoutArgs[(dot + 1)..];
            members.Add(kind == 'P' ? $"{type}.get_{member}" : $"{type}.{member}");
        }

        return members;
    }

    private static HashSet<string> ReferencedMembers(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.MemberReferences)
        {
            var reference = reader.GetMemberReference(handle);
            var name = reader.GetString(reference.Name);
            if (reference.Parent.Kind == HandleKind.TypeReference)
            {
                var type = reader.GetTypeReference((TypeReferenceHandle)reference.Parent);
                result.Add($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}.{name}");
            }
        }

        return result;
    }
}
