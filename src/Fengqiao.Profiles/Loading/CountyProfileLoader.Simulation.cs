using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>The <c>simulation:</c> and <c>published:</c> sections: how the county's people behave in a simulation, and
/// the figures the county publishes.</content>
public static partial class CountyProfileLoader
{
    /// <summary>The share fields of <c>simulation:</c>, by YAML key, as (read, write) pairs.</summary>
    internal static readonly (string Key, Func<SimulationProfile, double> Get, Func<SimulationProfile, double, SimulationProfile> Set)[] SimulationShares =
    [
        ("decline", s => s.Decline, (s, v) => s with { Decline = v }),
        ("return", s => s.Return, (s, v) => s with { Return = v }),
        ("extension", s => s.Extension, (s, v) => s with { Extension = v }),
        ("extension-granted", s => s.ExtensionGranted, (s, v) => s with { ExtensionGranted = v }),
        ("repeat", s => s.Repeat, (s, v) => s with { Repeat = v }),
        ("deputy-review", s => s.DeputyReview, (s, v) => s with { DeputyReview = v }),
        ("deputy-satisfied", s => s.DeputySatisfied, (s, v) => s with { DeputySatisfied = v }),
        ("urgent", s => s.Urgent, (s, v) => s with { Urgent = v }),
        ("late-claim", s => s.LateClaim, (s, v) => s with { LateClaim = v }),
        ("late-handling", s => s.LateHandling, (s, v) => s with { LateHandling = v }),
        ("cannot-resolve", s => s.CannotResolve, (s, v) => s with { CannotResolve = v }),
        ("suitable-for-mediation", s => s.SuitableForMediation, (s, v) => s with { SuitableForMediation = v }),
        ("court-suitable", s => s.CourtSuitable, (s, v) => s with { CourtSuitable = v }),
        ("police-follow-up", s => s.PoliceFollowUp, (s, v) => s with { PoliceFollowUp = v }),
        ("mediation-decline", s => s.MediationDecline, (s, v) => s with { MediationDecline = v }),
        ("outside-settled", s => s.OutsideSettled, (s, v) => s with { OutsideSettled = v }),
        ("mediation-overrun", s => s.MediationOverrun, (s, v) => s with { MediationOverrun = v }),
    ];

    /// <summary>The number fields of <c>simulation:</c> that are not shares, by YAML key: what the loader expects, the
    /// range, whether a whole number, and (read, write).</summary>
    internal static readonly (string Key, string Expected, double Min, double Max, Func<SimulationProfile, double> Get, Func<SimulationProfile, double, SimulationProfile> Set)[] SimulationNumbers =
    [
        ("claim-minutes", "whole minutes from 5 to 1440", 5, 1440, s => s.ClaimMinutes, (s, v) => s with { ClaimMinutes = (int)v }),
        ("late-claim-hours", "whole hours from 4 to 240", 4, 240, s => s.LateClaimHours, (s, v) => s with { LateClaimHours = (int)v }),
        ("mediation-wait-days", "working days from 0 to 60", 0, 60, s => s.MediationWaitDays, (s, v) => s with { MediationWaitDays = v }),
        ("instructions-per-day", "a number a day from 0 to 10000", 0, 10000, s => s.InstructionsPerDay, (s, v) => s with { InstructionsPerDay = v }),
        ("whistles-per-day", "a number a day from 0 to 10000", 0, 10000, s => s.WhistlesPerDay, (s, v) => s with { WhistlesPerDay = v }),
        ("supervisions-per-day", "a number a day from 0 to 10000", 0, 10000, s => s.SupervisionsPerDay, (s, v) => s with { SupervisionsPerDay = v }),
    ];

    private static SimulationProfile ReadSimulation(Node node, ImmutableArray<CategoryProfile> categories)
    {
        var result = SimulationProfile.Default;
        if (node.IsMissing)
        {
            return result;
        }

        var map = node.Map();
        var perDay = map.Optional("reports-per-day");
        if (!perDay.IsMissing && perDay.TryRead("reports a day from 1 to 1000000", t => ParseInt(t, 1, 1_000_000), out var volume))
        {
            result = result with { ReportsPerDay = volume };
        }

        foreach (var (key, _, set) in SimulationShares)
        {
            var field = map.Optional(key);
            if (!field.IsMissing && field.TryRead("a share from 0 to 1", ParseShare, out var share))
            {
                result = set(result, share);
            }
        }

        foreach (var (key, expected, min, max, _, set) in SimulationNumbers)
        {
            var field = map.Optional(key);
            var whole = expected.StartsWith("whole", StringComparison.Ordinal);
            if (!field.IsMissing && field.TryRead(expected, t => whole ? ParseInt(t, (int)min, (int)max) : ParseRange(t, min, max), out var number))
            {
                result = set(result, number);
            }
        }

        var answer = map.Optional("answer-share-of-limit");
        if (!answer.IsMissing && answer.TryRead("a share from 0.1 to 1", t => ParseRange(t, 0.1, 1), out var answerShare))
        {
            result = result with { AnswerShareOfLimit = answerShare };
        }

        var mediationDays = map.Optional("mediation-days");
        if (!mediationDays.IsMissing && mediationDays.TryRead("working days from 0.5 to 60", t => ParseRange(t, 0.5, 60), out var workingDays))
        {
            result = result with { MediationDays = workingDays };
        }

        var satisfaction = map.Optional("satisfaction");
        if (!satisfaction.IsMissing)
        {
            var s = satisfaction.Map();
            double Share(string key, double fallback) =>
                s.Optional(key) is { IsMissing: false } f && f.TryRead("a share from 0 to 1", ParseShare, out var v) ? v : fallback;
            double Factor(string key, double fallback) =>
                s.Optional(key) is { IsMissing: false } f && f.TryRead("a factor from 0 to 2", t => ParseRange(t, 0, 2), out var v) ? v : fallback;
            result = result with
            {
                Satisfied = Share("satisfied", result.Satisfied),
                BasicallySatisfied = Share("basically-satisfied", result.BasicallySatisfied),
                LateSatisfactionFactor = Factor("late-factor", result.LateSatisfactionFactor),
                FailedMediationSatisfactionFactor = Factor("failed-mediation-factor", result.FailedMediationSatisfactionFactor),
            };
            s.Done();
            if (result.Satisfied + result.BasicallySatisfied > 1.0000001)
            {
                satisfaction.Problem(string.Create(CultureInfo.InvariantCulture,
                    $"satisfied ({result.Satisfied}) and basically-satisfied ({result.BasicallySatisfied}) sum to more than 1; the rest is the unsatisfied share"));
            }
        }

        var mediation = map.Optional("mediation-success");
        if (!mediation.IsMissing)
        {
            var m = mediation.Map();
            var kinds = KebabNames.All<MediationBodyKind>().ToList();
            var byBody = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            if (m.Optional("default") is { IsMissing: false } d && d.TryRead("a share from 0 to 1", ParseShare, out var overall))
            {
                result = result with { MediationSuccess = overall };
            }

            foreach (var kind in kinds)
            {
                if (m.Optional(kind) is { IsMissing: false } k && k.TryRead("a share from 0 to 1", ParseShare, out var share))
                {
                    byBody[kind] = share;
                }
            }

            m.Done();
            result = result with { MediationSuccessByBody = byBody.ToImmutable() };
        }

        var origins = map.Optional("origins");
        if (!origins.IsMissing)
        {
            var o = origins.Map();
            var shares = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var key in SimulationProfile.OriginKeys)
            {
                if (o.Optional(key) is { IsMissing: false } f && f.TryRead("a share from 0 to 1", ParseShare, out var share))
                {
                    shares[key] = share;
                }
            }

            o.Done();
            if (shares.Values.Sum() > 1.0000001)
            {
                origins.Problem("the origin shares sum to more than 1; the rest are citizens' own reports");
            }

            result = result with { Origins = shares.ToImmutable() };
        }

        var tiers = map.Optional("tiers");
        if (!tiers.IsMissing)
        {
            var t = tiers.Map();
            if (t.Optional("simple") is { IsMissing: false } simple && simple.TryRead("a share from 0 to 1", ParseShare, out var simpleShare))
            {
                result = result with { SimpleTier = simpleShare };
            }

            if (t.Optional("difficult") is { IsMissing: false } difficult && difficult.TryRead("a share from 0 to 1", ParseShare, out var difficultShare))
            {
                result = result with { DifficultTier = difficultShare };
            }

            if (t.Optional("difficult-factor") is { IsMissing: false } factor && factor.TryRead("a factor from 1 to 100", x => ParseRange(x, 1, 100), out var times))
            {
                result = result with { DifficultFactor = times };
            }

            t.Provenance();
            t.Done();
            if (result.SimpleTier + result.DifficultTier > 1.0000001)
            {
                tiers.Problem("the simple and difficult shares sum to more than 1; the rest are complex matters");
            }
        }

        var texts = map.Optional("texts");
        if (!texts.IsMissing)
        {
            result = result with { Texts = ReadSimulationTexts(texts, categories) };
        }

        map.Provenance();
        map.Done();
        return result;
    }

    private static SimulationTexts ReadSimulationTexts(Node node, ImmutableArray<CategoryProfile> categories)
    {
        var map = node.Map();
        var known = (categories.IsDefault ? [] : categories).Select(c => c.Key.Key).ToList();
        ImmutableSortedDictionary<string, double> Shares(string key)
        {
            var shares = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            var sharesNode = map.Optional(key);
            if (sharesNode.IsMissing)
            {
                return shares.ToImmutable();
            }

            if (sharesNode.Yaml is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
            {
                sharesNode.Problem("expected a map of category key to a share from 0 to 1");
                return shares.ToImmutable();
            }

            foreach (var (k, v) in mapping.Children)
            {
                var category = (k as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
                var valueNode = new Node(v, $"{sharesNode.Path}.{category}", sharesNode.Sink, k.Start);
                if (!known.Contains(category))
                {
                    valueNode.Problem($"unknown category '{category}'{Suggest.DidYouMean(category, known)}; define it under 'categories'");
                }
                else if (valueNode.TryRead("a share from 0 to 1", ParseShare, out var share))
                {
                    shares[category] = share;
                }
            }

            return shares.ToImmutable();
        }

        var employersNode = map.Optional("employers");
        var employers = ReadStrings(employersNode);
        var result = new SimulationTexts
        {
            Employers = [.. employers],
            EmployerShare = Shares("employer-share"),
            ThreatShare = Shares("threat-share"),
            Returning = Shares("returning"),
        };
        if (result.EmployerShare.Values.Any(v => v > 0) && result.Employers.IsEmpty)
        {
            (employersNode.IsMissing ? node : employersNode).Problem("employer-share names categories whose reports name an employer, but 'employers' lists none");
        }

        map.Provenance();
        map.Done();
        return result;
    }

    private static ImmutableArray<PublishedFigure> ReadPublished(Node node)
    {
        var result = ImmutableArray.CreateBuilder<PublishedFigure>();
        var keys = PublishedFigure.RateKeys.Concat(PublishedFigure.CountKeys).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var keyNode = map.Required("key", "the indicator key, e.g. completion-rate");
            var key = keyNode.RequiredText("the indicator key");
            if (key is not null && !keys.Contains(key))
            {
                keyNode.Problem($"unknown indicator '{key}'{Suggest.DidYouMean(key, keys)}; expected one of: {string.Join(", ", keys)} (docs/indicators.md)");
                key = null;
            }
            else if (key is not null && !seen.Add(key))
            {
                keyNode.Problem($"indicator '{key}' is published more than once; list each figure once");
            }

            var count = key is not null && PublishedFigure.CountKeys.Contains(key);
            var valueNode = map.Required("value", count ? "the published count" : "the published percentage, e.g. 99.38");
            var valueOk = valueNode.TryRead(count ? "a count" : "a percentage from 0 to 100", t => ParseRange(t, 0, count ? 1e9 : 100), out var value);
            var quote = map.Required("quote", "the article's words, quoted exactly").RequiredText("the quote");
            var date = map.Required("date", "when the figure was true, e.g. 2023-09-11").RequiredText("the date");
            var periodNode = map.Optional("period-days");
            int? period = null;
            if (!periodNode.IsMissing && periodNode.TryRead("days from 1 to 3650", t => ParseInt(t, 1, 3650), out var days))
            {
                period = days;
            }
            else if (periodNode.IsMissing && count)
            {
                item.Problem($"the count '{key}' needs 'period-days': how many days the published count covers");
            }

            var atLeast = false;
            if (map.Optional("at-least") is { IsMissing: false } atLeastNode)
            {
                atLeastNode.TryRead("true or false", ParseBool, out atLeast);
            }

            map.Provenance();
            map.Done();
            if (key is not null && valueOk && quote is not null && date is not null)
            {
                result.Add(new PublishedFigure(key, value, quote, date) { PeriodDays = period, AtLeast = atLeast });
            }
        }

        return result.ToImmutable();
    }

    private static double ParseRange(string text, double min, double max)
    {
        var value = ParseFraction(text);
        return value >= min && value <= max
            ? value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}"));
    }
}
