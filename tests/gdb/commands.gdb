# SPDX-License-Identifier: BSD-3-Clause
# Driven by check_gdb.py, which sources the printer and sets the program's
# arguments first. Every "@@ NAME" line starts a section the checker reads.
set pagination off
set confirm off
set width 0
set print pretty on
set print elements unlimited
break gomap_gdb_stop
run
up

echo @@ print gdb_u64_map\n
print *gdb_u64_map
echo @@ print gdb_u32_map\n
print *gdb_u32_map
echo @@ print gdb_str_map\n
print *gdb_str_map
echo @@ print gdb_owned_map\n
print *gdb_owned_map
echo @@ print gdb_f64_map\n
print *gdb_f64_map
echo @@ print gdb_point_map\n
print *gdb_point_map
echo @@ print gdb_set\n
print *gdb_set
echo @@ print gdb_empty_map\n
print *gdb_empty_map
echo @@ print gdb_growing_map\n
print *gdb_growing_map
echo @@ print gdb_same_size_map\n
print *gdb_same_size_map
echo @@ print gdb_init_map\n
print *gdb_init_map
echo @@ print gdb_init_grown_map\n
print *gdb_init_grown_map
echo @@ print gdb_shrinking_map\n
print *gdb_shrinking_map

# The same keys through the gomap_str printer.
gomap-key-type gdb_str_map gomap_str
echo @@ print gdb_str_map as gomap_str\n
print *gdb_str_map
gomap-key-type gdb_str_map -

# Indirect keys and elems: raw bytes, then seen as their C type.
echo @@ raw gdb_big_map\n
print *gdb_big_map

gomap-key-type gdb_big_map struct big_record
gomap-elem-type gdb_big_map struct big_record
set print pretty off
echo @@ typed gdb_big_map\n
print *gdb_big_map
set print pretty on

# The limit: gdb counts a key and its elem as two elements.
set print elements 10
echo @@ limit gdb_u64_map 5\n
print *gdb_u64_map
set print elements unlimited

echo @@ buckets gdb_u64_map\n
gomap-buckets gdb_u64_map 0
echo @@ buckets gdb_str_map\n
gomap-buckets gdb_str_map 0
echo @@ buckets gdb_growing_map\n
gomap-buckets gdb_growing_map 0
echo @@ buckets gdb_same_size_map\n
gomap-buckets gdb_same_size_map 0
echo @@ buckets gdb_shrinking_map\n
gomap-buckets gdb_shrinking_map 0
echo @@ buckets gdb_big_map\n
gomap-buckets gdb_big_map 0
echo @@ buckets gdb_init_map\n
gomap-buckets gdb_init_map 0
echo @@ buckets gdb_init_grown_map\n
gomap-buckets gdb_init_grown_map 0

# Bucket limits: an argument, then the parameter.
echo @@ buckets-limit 2\n
gomap-buckets gdb_u64_map 2
set gomap-buckets-limit 1
echo @@ buckets-limit param 1\n
gomap-buckets gdb_u64_map
set gomap-buckets-limit 64

# Errors are reported, not raised as Python exceptions (an error would also
# end this file, hence the Python loop).
python
for command in ["gomap-buckets", "gomap-buckets (gomap *)0", "gomap-buckets 42",
                "gomap-elem-type gdb_u32_map double", "gomap-key-type gdb_str_map"]:
    try:
        gdb.execute(command, to_string=True)
        print("@@ error %s\nno error" % command)
    except gdb.error as e:
        print("@@ error %s\n%s" % (command, e))
end

echo @@ end\n
kill
