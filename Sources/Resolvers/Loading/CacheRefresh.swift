/// The refresh mode of the cache, for the work of the current task: while on, fresh entries are
/// not served: every cached call goes to its tool (conditionally, when an entry has an ETag) and
/// its answer is stored with a new TTL. The warm-query refresher runs its queries in this mode
/// so entries are renewed before they expire. Stale entries still back up a failing tool.
public enum CacheRefresh {
    @TaskLocal public static var isOn = false
}
