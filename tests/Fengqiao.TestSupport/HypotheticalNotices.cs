namespace Fengqiao.TestSupport;

/// <summary>
/// A made-up 2027 holiday notice in the format of the shipped tables, for tests of notice files and re-projection.
/// </summary>
/// <remarks>
/// NOT the State Council's 2027 notice (it was not published when this was written): the statutory days are those of
/// the 2024 holiday regulation on the verified 2027 festival dates; the bridging days and make-up working days are
/// invented so that a deadline moves against the projection (Feb 9–11 become holidays, Sat Feb 20 a working day).
/// </remarks>
public static class HypotheticalNotices
{
    /// <summary>Gets the made-up 2027 notice as CSV text.</summary>
    public const string Year2027 =
        """
        date,kind,name
        2027-01-01,holiday,New Year's Day 元旦
        2027-01-02,holiday,New Year's Day 元旦
        2027-01-03,holiday,New Year's Day 元旦
        2027-02-05,holiday,Spring Festival 春节
        2027-02-06,holiday,Spring Festival 春节
        2027-02-07,holiday,Spring Festival 春节
        2027-02-08,holiday,Spring Festival 春节
        2027-02-09,holiday,Spring Festival 春节
        2027-02-10,holiday,Spring Festival 春节
        2027-02-11,holiday,Spring Festival 春节
        2027-02-20,workday,Spring Festival 春节
        2027-04-03,holiday,Tomb-sweeping Day 清明节
        2027-04-04,holiday,Tomb-sweeping Day 清明节
        2027-04-05,holiday,Tomb-sweeping Day 清明节
        2027-04-25,workday,Labour Day 劳动节
        2027-05-01,holiday,Labour Day 劳动节
        2027-05-02,holiday,Labour Day 劳动节
        2027-05-03,holiday,Labour Day 劳动节
        2027-05-04,holiday,Labour Day 劳动节
        2027-05-05,holiday,Labour Day 劳动节
        2027-06-09,holiday,Dragon Boat Festival 端午节
        2027-09-15,holiday,Mid-Autumn Festival 中秋节
        2027-09-26,workday,National Day 国庆节
        2027-10-01,holiday,National Day 国庆节
        2027-10-02,holiday,National Day 国庆节
        2027-10-03,holiday,National Day 国庆节
        2027-10-04,holiday,National Day 国庆节
        2027-10-05,holiday,National Day 国庆节
        2027-10-06,holiday,National Day 国庆节
        2027-10-07,holiday,National Day 国庆节
        2027-10-09,workday,National Day 国庆节

        """;

    /// <summary>Writes the made-up 2027 notice into <paramref name="folder"/> as <c>2027.csv</c> and returns its path.</summary>
    /// <param name="folder">An existing folder.</param>
    /// <returns>The file's path.</returns>
    public static string Write2027(string folder)
    {
        var path = Path.Combine(folder, "2027.csv");
        File.WriteAllText(path, Year2027);
        return path;
    }
}
