using System.Security.Cryptography;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.TestSupport;
using FsCheck.Fluent;

namespace Fengqiao.Cases.Tests.QueryCodes;

public class QueryCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly QueryCodeGenerator Generator = new();

    private static string Compact(QueryCode code) => code.ToString().Replace("-", "");

    [Fact]
    public void ToString_IsThreeGroupsOfSixFromTheAlphabet()
    {
        var text = Generator.Next().ToString();

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{6}$", text);
    }

    [Fact]
    public void Parse_RoundTripsAndNormalisesCaseSpacesHyphensAndLookalikes()
    {
        var code = Generator.Next();
        var compact = Compact(code);
        var sloppy = string.Join(" ", compact.Chunk(3).Select(c => new string(c))).ToLowerInvariant()
            .Replace('0', 'o').Replace('1', 'l');

        Assert.Equal(code, QueryCode.Parse(code.ToString()));
        Assert.Equal(code, QueryCode.Parse(compact));
        Assert.Equal(code, QueryCode.Parse(sloppy));
        Assert.Equal(code.GetHashCode(), QueryCode.Parse(sloppy).GetHashCode());
    }

    [Fact]
    public void Parse_EverySingleSubstitution_IsRejected()
    {
        var rejected = 0;
        for (var sample = 0; sample < 200; sample++)
        {
            var compact = Compact(Generator.Next());
            for (var position = 0; position < compact.Length; position++)
            {
                foreach (var replacement in Alphabet.Where(c => c != compact[position]))
                {
                    var mistyped = compact[..position] + replacement + compact[(position + 1)..];
                    Assert.False(QueryCode.TryParse(mistyped, out _), $"{mistyped} accepted (position {position})");
                    rejected++;
                }
            }
        }

        Assert.Equal(200 * QueryCode.SymbolCount * 31, rejected);
    }

    [Fact]
    public void Parse_EveryAdjacentTransposition_IsRejected()
    {
        for (var sample = 0; sample < 2000; sample++)
        {
            var compact = Compact(Generator.Next());
            for (var position = 0; position + 1 < compact.Length; position++)
            {
                if (compact[position] == compact[position + 1])
                {
                    continue;
                }

                var swapped = compact[..position] + compact[position + 1] + compact[position] + compact[(position + 2)..];
                Assert.False(QueryCode.TryParse(swapped, out _), $"{swapped} accepted (positions {position}, {position + 1})");
            }
        }
    }

    [Fact]
    public void Parse_AllSymbolPairs_EveryTranspositionAtEveryPositionIsRejected()
    {
        // Exhaustive over the check: for each position and each ordered pair of different symbols, on a fixed code.
        var baseCode = Compact(Generator.Next()).ToCharArray();
        for (var position = 0; position + 1 < QueryCode.SymbolCount; position++)
        {
            foreach (var a in Alphabet)
            {
                foreach (var b in Alphabet.Where(b => b != a))
                {
                    var valid = WithCheck(baseCode, position, a, b);
                    if (valid is null)
                    {
                        continue;
                    }

                    var swapped = valid.ToCharArray();
                    (swapped[position], swapped[position + 1]) = (swapped[position + 1], swapped[position]);
                    Assert.False(QueryCode.TryParse(new string(swapped), out _));
                }
            }
        }
    }

    [Fact]
    public void CheckOperation_IsAWeaklyTotallyAntiSymmetricQuasigroup_SoDetectionHoldsForEveryCode()
    {
        // Exhaustive over the 32×32×32 cases: these three facts prove that every single substitution and every
        // adjacent transposition changes the final interim value of any code, so none passes the check.
        for (var r = 0; r < 32; r++)
        {
            for (var x = 0; x < 32; x++)
            {
                for (var y = 0; y < 32; y++)
                {
                    if (x == y)
                    {
                        continue;
                    }

                    Assert.NotEqual(QueryCode.Step(r, x), QueryCode.Step(r, y));                                // a substitution changes the interim
                    Assert.NotEqual(QueryCode.Step(x, r), QueryCode.Step(y, r));                                // and the change survives later symbols
                    Assert.NotEqual(QueryCode.Step(QueryCode.Step(r, x), y), QueryCode.Step(QueryCode.Step(r, y), x)); // a swap changes it
                }
            }
        }
    }

    [FengqiaoProperty]
    public bool Parse_RandomCorruption_IsRejected(byte position, byte delta)
    {
        var at = position % QueryCode.SymbolCount;
        var compact = Compact(Generator.Next()).ToCharArray();
        compact[at] = Alphabet[(Alphabet.IndexOf(compact[at]) + 1 + (delta % 31)) % 32];
        return !QueryCode.TryParse(new string(compact), out _);
    }

    [Fact]
    public void Generate_OneMillion_NoCollision()
    {
        var seen = new HashSet<QueryCode>(1_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.True(seen.Add(Generator.Next()));
        }
    }

    [Fact]
    public void Generate_WithOwnSource_UsesIt()
    {
        using var rng = RandomNumberGenerator.Create();

        var code = new QueryCodeGenerator(rng).Next();

        Assert.True(QueryCode.TryParse(code.ToString(), out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("", "has 18 letters and digits; this one has 0")]
    [InlineData("ABCDEF-GHJKMN", "has 18 letters and digits; this one has 12")]
    [InlineData("ABCDEF-GHJKMN-PQRSTV-W", "has 18 letters and digits; this one has more")]
    [InlineData("ABCDEF-GHJKMN-PQRSTU", "Character 20 of the query code is not a letter or digit used in query codes")]
    [InlineData("ABCDEF-GHJ*MN-PQRSTV", "Character 11 of the query code")]
    public void Parse_Malformed_ThrowsClearFormatError(string text, string expected)
    {
        var e = Assert.Throws<QueryCodeFormatException>(() => QueryCode.Parse(text));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_BadCheckCharacter_SaysSoWithoutRepeatingTheCode()
    {
        var compact = Compact(Generator.Next());
        var last = compact[^1];
        var wrong = compact[..^1] + Alphabet[(Alphabet.IndexOf(last) + 1) % 32];

        var e = Assert.Throws<QueryCodeFormatException>(() => QueryCode.Parse(wrong));

        Assert.Equal(
            "The query code's check character does not match: a character was mistyped or two neighbouring characters were swapped.",
            e.Message);
        Assert.DoesNotContain(compact[..6], e.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => QueryCode.Parse(null!));
        Assert.False(QueryCode.TryParse(null, out _));
    }

    [Fact]
    public void Equality_Operators()
    {
        var a = Generator.Next();
        var b = QueryCode.Parse(a.ToString());

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.NotEqual(a, Generator.Next());
    }

    /// <summary>Puts a, b at position, position+1 of the data and recomputes the check symbol by trying all 32.</summary>
    private static string? WithCheck(char[] code, int position, char a, char b)
    {
        var candidate = (char[])code.Clone();
        candidate[position] = a;
        candidate[position + 1] = b;
        if (position + 1 == QueryCode.SymbolCount - 1)
        {
            // The pair includes the check symbol: keep it only if it happens to be the right one.
            var text = new string(candidate);
            return QueryCode.TryParse(text, out _) ? text : null;
        }

        foreach (var check in Alphabet)
        {
            candidate[^1] = check;
            var text = new string(candidate);
            if (QueryCode.TryParse(text, out _))
            {
                return text;
            }
        }

        return null;
    }
}
