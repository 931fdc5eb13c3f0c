// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>A <see cref="LimitedReadStream"/> found more data than its limit.</summary>
internal sealed class StreamLimitExceededException : IOException
{
    public StreamLimitExceededException(long limit)
        : base(Messages.Format(Strings.DataLongerThanLimit, limit))
    {
        Limit = limit;
    }

    public long Limit { get; }
}
