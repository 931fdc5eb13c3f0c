// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Store;

/// <summary>
/// The records of the store, ordered by request id, and the files that could not be read.
/// </summary>
internal sealed record StoreListing(IReadOnlyList<RequestRecord> Records, IReadOnlyList<StoreProblem> Problems);
