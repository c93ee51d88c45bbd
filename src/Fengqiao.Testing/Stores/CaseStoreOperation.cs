namespace Fengqiao.Testing;

/// <summary>The members of <see cref="Fengqiao.Cases.Ports.ICaseStore"/>, for choosing where a <see cref="FaultyCaseStore"/> injects a fault.</summary>
public enum CaseStoreOperation
{
    /// <summary><c>LoadAsync</c>.</summary>
    Load = 0,

    /// <summary><c>FindByQueryCodeAsync</c>.</summary>
    FindByQueryCode = 1,

    /// <summary><c>ReadEventsAsync</c>.</summary>
    ReadEvents = 2,

    /// <summary><c>AppendAsync</c>.</summary>
    Append = 3,

    /// <summary><c>ListDueAsync</c>.</summary>
    ListDue = 4,
}
