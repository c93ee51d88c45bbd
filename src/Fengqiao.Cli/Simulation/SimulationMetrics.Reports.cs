using System.Globalization;

namespace Fengqiao.Cli.Simulation;

// Deputies' scores (测评打分), written reports (书面报送) and hand-overs between posts (岗位交接): printed only for a county whose profile has them.
internal sealed partial class SimulationMetrics
{
    private int deputyScoreCount;
    private long deputyScoreSum;
    private int writtenReports;
    private int postHandOvers;

    public void DeputyScored(int score)
    {
        deputyScoreCount++;
        deputyScoreSum += score;
    }

    public void WrittenReportFiled() => writtenReports++;

    public void PostHandedOver() => postHandOvers++;

    /// <summary>The indicators of deputies' scores and written reports, after the deputies' send-backs; none for a county without them.</summary>
    private IEnumerable<Indicator> ReportIndicators(bool hasDeputies, bool hasWrittenReports, bool hasPosts)
    {
        if (hasPosts)
        {
            yield return new("Hand-overs between posts", "岗位交接", postHandOvers.ToString(CultureInfo.InvariantCulture))
            {
                Key = "post-hand-overs", IsCount = true, Number = postHandOvers,
            };
        }

        if (hasDeputies)
        {
            // As Enumerable.Average of ints: the exact sum over the count.
            var mean = deputyScoreCount == 0 ? (double?)null : (double)deputyScoreSum / deputyScoreCount;
            yield return new("Deputies' scores (count, mean of 100)", "人大代表测评打分（件数，平均分）",
                $"{deputyScoreCount.ToString(CultureInfo.InvariantCulture)} ({(mean is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "-")})")
            {
                Key = "deputy-scores", IsCount = true, Number = deputyScoreCount,
            };
            yield return new("Deputies' mean score", "人大代表测评平均分", mean is { } average ? average.ToString("0.0", CultureInfo.InvariantCulture) : "-")
            {
                Key = "deputy-mean-score", Number = mean,
            };
        }

        if (hasWrittenReports)
        {
            yield return new("Written reports to the secretary", "书面报送", writtenReports.ToString(CultureInfo.InvariantCulture))
            {
                Key = "written-reports", IsCount = true, Number = writtenReports,
            };
        }
    }
}
