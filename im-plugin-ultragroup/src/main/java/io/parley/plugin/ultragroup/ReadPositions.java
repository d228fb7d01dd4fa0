package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.MetadataRecords.pad;

/**
 * Each member's read position per channel and the mentions it has not read: {@code ultragroup.read}
 * (user/group/channel → seq), {@code ultragroup.mentions} (user/group/channel/seq → msgUID, one key per mentioned
 * user) and {@code ultragroup.mention-all} (group/channel/seq → msgUID, one key per {@code @all}). The only keys
 * written per message. Thread-safe; blocks on storage.
 */
final class ReadPositions {
    private static final String READ = "ultragroup.read";              // user/group/channel -> seq
    private static final String MENTIONS = "ultragroup.mentions";      // user/group/channel/seq -> uid
    private static final String MENTION_ALL = "ultragroup.mention-all"; // group/channel/seq -> uid

    private final MetadataRecords records;

    ReadPositions(MetadataRecords records) {
        this.records = records;
    }

    long readSeq(String userId, Target target) {
        return records.get(READ, userId + "/" + target.groupId() + "/" + target.channelId()).map(Long::parseLong)
                .orElse(0L);
    }

    /** Moves a read position forward (never back); returns the position now kept. */
    long markRead(String userId, Target target, long seq) {
        long current = readSeq(userId, target);
        if (seq <= current) {
            return current;
        }
        records.put(READ, userId + "/" + target.groupId() + "/" + target.channelId(), Long.toString(seq));
        String prefix = userId + "/" + target.groupId() + "/" + target.channelId() + "/";
        for (String key : records.keysUnder(MENTIONS, prefix)) {
            if (Long.parseLong(key.substring(prefix.length())) <= seq) {
                records.delete(MENTIONS, key);
            }
        }
        return seq;
    }

    void addMention(String userId, Target target, long seq, String uid) {
        records.put(MENTIONS, userId + "/" + target.groupId() + "/" + target.channelId() + "/" + pad(seq), uid);
    }

    void addMentionAll(Target target, long seq, String uid) {
        records.put(MENTION_ALL, target.groupId() + "/" + target.channelId() + "/" + pad(seq), uid);
    }

    /** Mentions of the user (its own, and {@code @all}) with a seq above {@code afterSeq}. */
    int mentionCount(String userId, Target target, long afterSeq) {
        int count = 0;
        String own = userId + "/" + target.groupId() + "/" + target.channelId() + "/";
        for (String key : records.keysUnder(MENTIONS, own)) {
            if (Long.parseLong(key.substring(own.length())) > afterSeq) {
                count++;
            }
        }
        String all = target.groupId() + "/" + target.channelId() + "/";
        for (String key : records.keysUnder(MENTION_ALL, all)) {
            if (Long.parseLong(key.substring(all.length())) > afterSeq) {
                count++;
            }
        }
        return count;
    }

    /** The {@code @all} mentions of a dismissed group (members' own read positions and mentions are kept). */
    void forgetGroup(String groupId) {
        records.deleteUnder(MENTION_ALL, groupId + "/");
    }
}
