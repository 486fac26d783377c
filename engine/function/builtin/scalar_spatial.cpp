// Spatial functions: point(map), point.distance, point.withinBBox; point accessors and
// formatting (function/spatial.h).
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "function/spatial.h"
#include "value/value_ops.h"

namespace quiver::function {

namespace {

constexpr int32_t kCartesian = 7203, kCartesian3D = 9157, kWgs84 = 4326, kWgs843D = 4979;
constexpr double kEarthRadiusMeters = 6378140.0;  // as Neo4j's CRS calculator

bool geographic(int32_t srid) { return srid == kWgs84 || srid == kWgs843D; }

[[noreturn]] void invalid(const std::string& msg) {
    throw QuiverError(std::string(status::ArgumentError), msg, "InvalidArgumentValue",
                      ErrorPhase::Runtime);
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

const char* crs_name(int32_t srid) {
    switch (srid) {
        case kCartesian3D: return "cartesian-3d";
        case kWgs84: return "wgs-84";
        case kWgs843D: return "wgs-84-3d";
        default: return "cartesian";
    }
}

std::string point_to_string(const PointValue& p) {
    if (p.has_z())
        return fmt::format("point({{x: {}, y: {}, z: {}, crs: '{}'}})", format_float(p.x),
                           format_float(p.y), format_float(p.z), crs_name(p.srid));
    return fmt::format("point({{x: {}, y: {}, crs: '{}'}})", format_float(p.x), format_float(p.y),
                       crs_name(p.srid));
}

std::optional<Value> point_component(const Value& v, const std::string& key) {
    if (v.kind() != ValueKind::Point) return std::nullopt;
    const PointValue& p = v.as_point();
    bool geo = geographic(p.srid);
    auto unavailable = [&]() -> Value {
        throw QuiverError(std::string(status::ArgumentError),
                          fmt::format("Field: {} is not available on point: {}", key,
                                      point_to_string(p)),
                          "InvalidArgumentValue", ErrorPhase::Runtime);
    };
    if (key == "x") return Value::float64(p.x);
    if (key == "y") return Value::float64(p.y);
    if (key == "z") return p.has_z() ? Value::float64(p.z) : unavailable();
    if (key == "longitude") return geo ? Value::float64(p.x) : unavailable();
    if (key == "latitude") return geo ? Value::float64(p.y) : unavailable();
    if (key == "height") return geo && p.has_z() ? Value::float64(p.z) : unavailable();
    if (key == "crs") return Value::string(crs_name(p.srid));
    if (key == "srid") return Value::integer(p.srid);
    return std::nullopt;
}

namespace builtin {

namespace {

Value fn_point(const Value* a, size_t, FunctionContext&) {
    const Value& m = a[0];
    if (m.is_null()) return Value();
    if (m.kind() != ValueKind::Map) bad_type("point", m, "MAP");
    std::optional<double> x, y, z;
    bool geo_keys = false, has_height = false;
    std::optional<int32_t> srid;
    for (const auto& [k0, v] : m.as_map()) {
        std::string k = lower(k0);
        bool coord = k == "x" || k == "y" || k == "z" || k == "longitude" || k == "latitude" ||
                     k == "height";
        if (coord) {
            if (v.is_null()) return Value();
            if (!v.is_number()) bad_type("point", v, "NUMBER");
        }
        if (k == "x" || k == "longitude") x = v.as_number();
        if (k == "y" || k == "latitude") y = v.as_number();
        if (k == "z" || k == "height") z = v.as_number();
        if (k == "longitude" || k == "latitude") geo_keys = true;
        if (k == "height") has_height = true;
        if (k == "crs") {
            if (v.is_null()) return Value();
            if (!v.is_string()) bad_type("point", v, "STRING");
            std::string c = lower(v.as_string());
            int32_t s = c == "cartesian"      ? kCartesian
                        : c == "cartesian-3d" ? kCartesian3D
                        : c == "wgs-84"       ? kWgs84
                        : c == "wgs-84-3d"    ? kWgs843D
                                              : 0;
            if (!s) invalid(fmt::format("Unknown coordinate reference system: {}", v.as_string()));
            if (srid && *srid != s) invalid("Cannot specify both CRS and SRID");
            srid = s;
        }
        if (k == "srid") {
            if (v.is_null()) return Value();
            if (!v.is_int()) bad_type("point", v, "INTEGER");
            int64_t s = v.as_int();
            if (s != kCartesian && s != kCartesian3D && s != kWgs84 && s != kWgs843D)
                invalid(fmt::format("Unknown coordinate reference system code: {}", s));
            if (srid && *srid != s) invalid("Cannot specify both CRS and SRID");
            srid = int32_t(s);
        }
    }
    if (!x || !y)
        invalid("A point must contain either 'x' and 'y', or 'latitude' and 'longitude'");
    (void)has_height;
    if (!srid) {
        if (geo_keys) srid = z ? kWgs843D : kWgs84;
        else srid = z ? kCartesian3D : kCartesian;
    }
    PointValue p;
    p.srid = *srid;
    bool three_d = p.has_z();
    if (three_d != bool(z))
        invalid(fmt::format("Cannot create point with {}D coordinate reference system and {} "
                            "coordinates. Please consider using equivalent {}D coordinate "
                            "reference system",
                            three_d ? 3 : 2, z ? 3 : 2, z ? 3 : 2));
    if (geographic(p.srid) && (*y < -90 || *y > 90))
        invalid("Cannot create WGS84 point with invalid coordinate: [" + format_float(*x) + ", " +
                format_float(*y) + "]. Valid range for Y coordinate is [-90, 90].");
    p.x = *x;
    p.y = *y;
    p.z = z ? *z : 0;
    return Value::point(p);
}

double distance(const PointValue& a, const PointValue& b) {
    if (!geographic(a.srid)) {
        double dx = a.x - b.x, dy = a.y - b.y, dz = a.has_z() ? a.z - b.z : 0;
        return std::sqrt(dx * dx + dy * dy + dz * dz);
    }
    auto rad = [](double d) { return d * M_PI / 180.0; };
    double lat1 = rad(a.y), lat2 = rad(b.y);
    double dlat = lat2 - lat1, dlon = rad(b.x - a.x);
    double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
    double d = 2 * kEarthRadiusMeters * std::atan2(std::sqrt(h), std::sqrt(1 - h));
    if (a.has_z()) {
        double dz = a.z - b.z;
        d = std::sqrt(d * d + dz * dz);
    }
    return d;
}

Value fn_distance(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null() || a[1].is_null()) return Value();
    if (a[0].kind() != ValueKind::Point) bad_type("point.distance", a[0], "POINT");
    if (a[1].kind() != ValueKind::Point) bad_type("point.distance", a[1], "POINT");
    const auto &p = a[0].as_point(), &q = a[1].as_point();
    if (p.srid != q.srid) return Value();
    return Value::float64(distance(p, q));
}

Value fn_within_bbox(const Value* a, size_t, FunctionContext&) {
    for (int i = 0; i < 3; ++i) {
        if (a[i].is_null()) return Value();
        if (a[i].kind() != ValueKind::Point) bad_type("point.withinBBox", a[i], "POINT");
    }
    const auto &p = a[0].as_point(), &ll = a[1].as_point(), &ur = a[2].as_point();
    if (p.srid != ll.srid || p.srid != ur.srid) return Value();
    bool in_x;
    if (geographic(p.srid) && ll.x > ur.x)  // the box crosses the antimeridian
        in_x = p.x >= ll.x || p.x <= ur.x;
    else
        in_x = p.x >= ll.x && p.x <= ur.x;
    bool in = in_x && p.y >= ll.y && p.y <= ur.y;
    if (p.has_z()) in = in && p.z >= ll.z && p.z <= ur.z;
    return Value::boolean(in);
}

const ScalarFunction kSpatial[] = {
    {"point", 1, 1, fn_point, "A 2D or 3D point in a cartesian or WGS-84 coordinate system.",
     "point({x: 1, y: 2})"},
    {"point.distance", 2, 2, fn_distance,
     "Distance between two points of the same CRS (meters for WGS-84).",
     "point.distance(point({x: 0, y: 0}), point({x: 3, y: 4}))"},
    {"point.withinBBox", 3, 3, fn_within_bbox,
     "Whether a point lies within the box given by its lower-left and upper-right corners.",
     "point.withinBBox(point({x: 1, y: 1}), point({x: 0, y: 0}), point({x: 2, y: 2}))"},
};

}  // namespace

std::span<const ScalarFunction> spatial_functions() { return kSpatial; }

}  // namespace builtin

}  // namespace quiver::function
