package dev.reaper.git;

/**
 * A range of revisions as git writes them: {@code A..B} (from A to B) or {@code A...B} (from the merge
 * base of A and B to B). An empty side means HEAD.
 */
record RevisionRange(String from, String to, boolean symmetric) {

    static RevisionRange parse(String range) throws GitException {
        String r = range.strip();
        int three = r.indexOf("...");
        int two = r.indexOf("..");
        if (two < 0) {
            throw new GitException("not a range: " + range + " (write A..B or A...B)");
        }
        boolean symmetric = three == two;
        int sep = symmetric ? 3 : 2;
        String from = r.substring(0, two);
        String to = r.substring(two + sep);
        if (to.contains("..") || (from.isEmpty() && to.isEmpty())) {
            throw new GitException("not a range: " + range + " (write A..B or A...B)");
        }
        return new RevisionRange(from.isEmpty() ? "HEAD" : from, to.isEmpty() ? "HEAD" : to, symmetric);
    }
}
