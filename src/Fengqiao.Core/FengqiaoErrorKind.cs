namespace Fengqiao;

/// <summary>
/// What kind of failure a <see cref="FengqiaoException"/> reports, so that a host can answer it without knowing every
/// exception type (for example to choose an HTTP status).
/// </summary>
/// <remarks>
/// <para>
/// Each exception type has exactly one kind, fixed by the type; the kind never depends on the message. The suggested
/// HTTP statuses are a convention for portals, not something the packages enforce.
/// </para>
/// <para>
/// New kinds may be added in a later version; a host's <c>switch</c> should keep a default arm (an unknown kind is best
/// answered like <see cref="Configuration"/>).
/// </para>
/// </remarks>
public enum FengqiaoErrorKind
{
    /// <summary>
    /// A well-formed request that the rules refuse now: an action not permitted in the case's state, by this actor, or
    /// a report the desk does not take. Nothing changed. Suggested HTTP status: 409 or 422.
    /// </summary>
    Refusal = 1,

    /// <summary>The request names something that does not exist (a case, a unit). Nothing changed. Suggested HTTP status: 404.</summary>
    NotFound = 2,

    /// <summary>
    /// Another writer got there first (a stale version, a taken query code). Nothing changed; reload and retry.
    /// Suggested HTTP status: 409.
    /// </summary>
    Conflict = 3,

    /// <summary>Input text or data that cannot be read (a malformed query code or event). Nothing changed. Suggested HTTP status: 400.</summary>
    Input = 4,

    /// <summary>
    /// The county's configuration, or code it names (a profile, rule set, ladder, lifecycle, guard, policy, calendar
    /// data), is wrong or incomplete; not the caller's fault. Suggested HTTP status: 500, and a fix to the configuration.
    /// </summary>
    Configuration = 5,

    /// <summary>The case store failed or cannot be opened (connection, schema). Suggested HTTP status: 503 or 500.</summary>
    Store = 6,

    /// <summary>Stored data fails its integrity check (a broken hash chain). Restore from a backup. Suggested HTTP status: 500.</summary>
    Tamper = 7,

    /// <summary>A check that a test or verification asked for failed (test kits and conformance checks).</summary>
    Check = 8,
}
