-- The plugin's ffi.cdef declares exactly what vaultlink.h declares: both are
-- reduced to their C declarations (comments, preprocessor lines, VL_EXPORT
-- and extern "C" removed, white space normalised) and compared as sets.
-- Then every function is looked up in the real library through the cdef.
local source_dir = assert(os.getenv('VAULTLINK_SOURCE_DIR'), 'VAULTLINK_SOURCE_DIR not set')

local function read(path)
  local file = assert(io.open(path, 'rb'))
  local text = file:read('*a')
  file:close()
  return text
end

local function declarations(text)
  text = text:gsub('/%*.-%*/', ' '):gsub('//[^\n]*', ' ')
  text = text:gsub('\n%s*#[^\n]*', '\n'):gsub('^%s*#[^\n]*', '')
  text = text:gsub('extern "C" {', ' '):gsub('VL_EXPORT', ' ')
  text = text:gsub('%s+', ' ')
  local set, list, depth, current = {}, {}, 0, {}
  for char in text:gmatch('.') do
    table.insert(current, char)
    if char == '{' then depth = depth + 1 elseif char == '}' then depth = depth - 1 end
    if char == ';' and depth == 0 then
      local statement = table.concat(current):gsub('^%s+', ''):gsub('%s+$', '')
        :gsub('%s*([%(%),;{}%*])%s*', '%1')
      set[statement] = true
      table.insert(list, statement)
      current = {}
    end
  end
  return set, list
end

local header_set, header_list = declarations(read(source_dir .. '/plugin/include/vaultlink.h'))
local vl = require('vaultlink.ffi')
local cdef_set, cdef_list = declarations(vl.declarations)

local problems = {}
for _, statement in ipairs(header_list) do
  if not cdef_set[statement] then table.insert(problems, 'in vaultlink.h, not in the cdef: ' .. statement) end
end
for _, statement in ipairs(cdef_list) do
  if not header_set[statement] then table.insert(problems, 'in the cdef, not in vaultlink.h: ' .. statement) end
end
if #header_list < 20 then table.insert(problems, 'only ' .. #header_list .. ' declarations found in the header') end
if #problems > 0 then error(table.concat(problems, '\n'), 0) end

-- Every declared function resolves in the library with the cdef's type.
local lib = vl.load()
for _, statement in ipairs(cdef_list) do
  local name = statement:match('(vl_[%w_]+)%(')
  if name then assert(lib[name] ~= nil, 'missing in the library: ' .. name) end
end
assert(lib.vl_abi_version() == vl.ABI_VERSION)
assert(vl.manifest().id == 'vaultlink')
print(('cdef matches vaultlink.h: %d declarations'):format(#cdef_list))
