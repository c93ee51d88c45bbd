namespace Fengqiao.Escalation.Ladders;

/// <summary>Thrown when a ladder cannot be bound to the org units above a case, or a unit is not on its path.</summary>
public sealed class LadderResolutionException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be resolved, naming the ladder, the level and the unit.</param>
    public LadderResolutionException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
    }
}
