namespace Fengqiao.Storage.Sqlite;

/// <summary>What a <see cref="SqliteCaseStore"/> was doing when it failed (<see cref="SqliteCaseStoreException.Operation"/>).</summary>
public enum SqliteCaseStoreOperation
{
    /// <summary>Opening the file: creating or checking the schema, migrating it, checking integrity.</summary>
    Open,

    /// <summary><see cref="SqliteCaseStore.LoadAsync"/>.</summary>
    Load,

    /// <summary><see cref="SqliteCaseStore.FindByQueryCodeAsync"/>.</summary>
    FindByQueryCode,

    /// <summary><see cref="SqliteCaseStore.ReadEventsAsync"/>.</summary>
    ReadEvents,

    /// <summary><see cref="SqliteCaseStore.AppendAsync"/>.</summary>
    Append,

    /// <summary><see cref="SqliteCaseStore.ListDueAsync"/>.</summary>
    ListDue,

    /// <summary><see cref="SqliteCaseStore.VerifyAsync"/>.</summary>
    Verify,

    /// <summary><see cref="SqliteCaseStore.RepairAsync"/>.</summary>
    Repair,

    /// <summary>Erasing one case's personal data (<see cref="SqliteCaseStore.EraseReporterAsync"/>).</summary>
    EraseReporter,

    /// <summary><see cref="SqliteCaseStore.ListAsync"/>.</summary>
    List,

    /// <summary><see cref="SqliteCaseStore.CountAsync"/>.</summary>
    Count,

    /// <summary><see cref="SqliteCaseStore.FindDuplicateAsync"/>.</summary>
    FindDuplicate,
}
