namespace Fengqiao.Cases;

/// <summary>What a citizen reported (反映): channel, category, priority, location, reporter, text and the hotline's reference.</summary>
/// <remarks>
/// <para>
/// The report is recorded whole in the registration event. <see cref="Reporter"/> and <see cref="Text"/> may hold
/// personal data: <see cref="ToString"/> prints neither, and the desk never puts them in exception messages.
/// </para>
/// <para><see cref="ExternalReference"/> is the number another system gave the matter (a 12345 work order);
/// duplicate intake treats two reports with the same reference as one matter.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="channel">How it arrived.</param>
    /// <param name="category">What it is about.</param>
    /// <param name="priority">How urgent it is.</param>
    /// <param name="location">Where it arose (the grid).</param>
    /// <param name="reporter">Who reported it (<see cref="Reporter.Anonymous"/> for an anonymous report).</param>
    /// <param name="text">What was reported; not empty.</param>
    /// <param name="externalReference">Another system's reference (a 12345 work order number), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="location"/>, <paramref name="reporter"/> or <paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty, the category is default, or the channel or priority is undefined.</exception>
    public CaseReport(
        CaseChannel channel, CaseCategory category, CasePriority priority, CaseLocation location, Reporter reporter, string text,
        string? externalReference = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A report needs text saying what the matter is.", nameof(text));
        }

        if (category.Key is null)
        {
            throw new ArgumentException("A report needs a category.", nameof(category));
        }

        if (!Enum.IsDefined(channel) || !Enum.IsDefined(priority))
        {
            throw new ArgumentException($"Channel '{channel}' or priority '{priority}' is not defined.", nameof(channel));
        }

        Channel = channel;
        Category = category;
        Priority = priority;
        Location = location;
        Reporter = reporter;
        Text = text;
        ExternalReference = string.IsNullOrWhiteSpace(externalReference) ? null : externalReference.Trim();
    }

    /// <summary>Gets how the matter arrived.</summary>
    public CaseChannel Channel { get; }

    /// <summary>Gets what the matter is about.</summary>
    public CaseCategory Category { get; }

    /// <summary>Gets how urgent the matter is.</summary>
    public CasePriority Priority { get; }

    /// <summary>Gets where the matter arose.</summary>
    public CaseLocation Location { get; }

    /// <summary>Gets who reported it (personal data).</summary>
    public Reporter Reporter { get; }

    /// <summary>Gets what was reported (may hold personal data).</summary>
    public string Text { get; }

    /// <summary>Gets another system's reference for the matter, or <see langword="null"/>.</summary>
    public string? ExternalReference { get; }

    /// <summary>Gets or initialises the matter's complexity tier (简单/复杂/疑难), as the registering acceptor assessed it or a
    /// county rule gave it (<see cref="CaseTierRule"/>); <see langword="null"/> when it has none.</summary>
    /// <value>Default <see langword="null"/>. Recorded with the report in the registration event; routing rows and SLA rules may match it.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined tier.</exception>
    public CaseTier? Tier
    {
        get => tier;
        init => tier = value is null || Enum.IsDefined(value.Value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined case tier.");
    }

    private readonly CaseTier? tier;

    /// <summary>Gets whether the reporter's personal data was erased (<see cref="Reporter.IsErased"/>): the reporter is
    /// <see cref="Reporter.Erased"/> and the location holds the grid only.</summary>
    public bool IsPersonalDataErased => Reporter.IsErased;

    /// <summary>The text an erased report carries in place of what the reporter wrote (<see cref="Text"/>): 〔已删除〕.</summary>
    public const string ErasedText = "〔已删除〕";

    /// <summary>Returns this report with its personal data erased: <see cref="Reporter.Erased"/> as reporter, the
    /// location's grid without address or coordinates, and <see cref="ErasedText"/> in place of the reporter's own words
    /// (free text can name people, phones and addresses too); channel, category, priority, tier and reference are kept.</summary>
    /// <returns>The erased report (this one when it is erased already).</returns>
    public CaseReport WithPersonalDataErased() =>
        IsPersonalDataErased && Location.Address is null && Location.Latitude is null && Location.Longitude is null && Text == ErasedText
            ? this
            : new CaseReport(Channel, Category, Priority, new CaseLocation(Location.Grid), Reporter.Erased, ErasedText, ExternalReference) { Tier = Tier };

    /// <summary>Describes the report without personal data.</summary>
    /// <returns>For example <c>CaseReport(hotline-12345, dispute, Normal, grid-3)</c>.</returns>
    public override string ToString() => $"CaseReport({Channel.Key()}, {Category}, {Priority}, {Location.Grid})";
}
