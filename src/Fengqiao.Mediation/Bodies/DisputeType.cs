namespace Fengqiao.Mediation.Bodies;

/// <summary>
/// A type of dispute (纠纷类型): routes a dispute to the right committee and mediator and picks its statutory
/// clock. Well-known types are provided; a county may name more in its profile.
/// </summary>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct DisputeType
{
    /// <summary>Creates a dispute type.</summary>
    /// <param name="key">A short stable key, e.g. <c>labour</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or padded with white space.</exception>
    public DisputeType(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Trim().Length != key.Length)
        {
            throw new ArgumentException($"A dispute type needs a key without surrounding spaces; got '{key}'.", nameof(key));
        }

        Key = key;
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets neighbour disputes (邻里纠纷).</summary>
    public static DisputeType Neighbour { get; } = new("neighbour");

    /// <summary>Gets marriage and family disputes (婚姻家庭纠纷).</summary>
    public static DisputeType Family { get; } = new("family");

    /// <summary>Gets labour disputes, wage arrears included (劳动争议).</summary>
    public static DisputeType Labour { get; } = new("labour");

    /// <summary>Gets road traffic accident disputes (交通事故纠纷).</summary>
    public static DisputeType Traffic { get; } = new("traffic");

    /// <summary>Gets medical disputes (医疗纠纷).</summary>
    public static DisputeType Medical { get; } = new("medical");

    /// <summary>Gets property-management disputes (物业纠纷).</summary>
    public static DisputeType PropertyManagement { get; } = new("property-management");

    /// <summary>Gets consumer disputes (消费纠纷).</summary>
    public static DisputeType Consumer { get; } = new("consumer");

    /// <summary>Gets land and forest disputes (土地山林纠纷).</summary>
    public static DisputeType Land { get; } = new("land");

    /// <summary>Gets loan and debt disputes (借贷纠纷).</summary>
    public static DisputeType Debt { get; } = new("debt");

    /// <summary>Gets disputes with an administrative organ over its act (行政争议): reconsideration and petition apply.</summary>
    public static DisputeType AdministrativeAct { get; } = new("administrative-act");

    /// <summary>Returns the key.</summary>
    public override string ToString() => Key ?? "";
}
