package org.openioto.cloud.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Published update images: which product and version they are for, and the key they download by. */
public final class UpdateReleases {

    /** An update image; its bytes are kept outside the database, named by {@code downloadKey}. */
    public record Release(long id, long productId, String version, String fileName, long size,
                          String sha256, String downloadKey, OffsetDateTime created) {
    }

    private static final String COLUMNS =
            "id, product_id, version, file_name, size, sha256, download_key, created";

    private final Database db;

    public UpdateReleases(Database db) {
        this.db = db;
    }

    /** Records a release and returns it with its id. */
    public Release create(long productId, String version, String fileName, long size, String sha256,
                          String downloadKey, OffsetDateTime created) throws SQLException {
        long id = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO update_release (" + COLUMNS.substring(4)
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                p.setLong(1, productId);
                p.setString(2, version);
                p.setString(3, fileName);
                p.setLong(4, size);
                p.setString(5, sha256);
                p.setString(6, downloadKey);
                p.setObject(7, created);
                p.executeUpdate();
                return Products.generatedId(p);
            }
        });
        return new Release(id, productId, version, fileName, size, sha256, downloadKey, created);
    }

    /** Lists every release, oldest first. */
    public List<Release> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM update_release ORDER BY id", null);
    }

    /** Lists the releases of product {@code productId}, oldest first. */
    public List<Release> forProduct(long productId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM update_release WHERE product_id = ? ORDER BY id", productId);
    }

    /** Returns the release that downloads by {@code downloadKey}, if any. */
    public Optional<Release> byDownloadKey(String downloadKey) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM update_release WHERE download_key = ?")) {
                p.setString(1, downloadKey);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.empty();
                }
            }
        });
    }

    private List<Release> query(String sql, Long productId) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (productId != null) {
                    p.setLong(1, productId);
                }
                try (ResultSet r = p.executeQuery()) {
                    List<Release> out = new ArrayList<>();
                    while (r.next()) {
                        out.add(read(r));
                    }
                    return out;
                }
            }
        });
    }

    private static Release read(ResultSet r) throws SQLException {
        return new Release(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getLong(5),
                r.getString(6), r.getString(7), r.getObject(8, OffsetDateTime.class));
    }
}
