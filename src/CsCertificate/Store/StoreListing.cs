// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Store;

/// <summary>
/// The records of the store, ordered by request id, and the files that could not be read.
/// </summary>
internal sealed class StoreListing
{
    public StoreListing(IReadOnlyList<RequestRecord> records, IReadOnlyList<StoreProblem> problems)
    {
        Records = records;
        Problems = problems;
    }

    public IReadOnlyList<RequestRecord> Records { get; }

    public IReadOnlyList<StoreProblem> Problems { get; }
}
