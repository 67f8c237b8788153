# zx_embed_files(OUT SYMBOL FILES...) writes a C++ file defining
#   std::vector<std::pair<std::string_view,std::string_view>> SYMBOL();  // (file name, contents)
# so data files travel inside the binary. Raw string literals keep the text readable in the output.
function(zx_embed_files out symbol)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")  # a list's ';' would split the shell command
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} "-DFILES=${joined}"
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_run.cmake
    DEPENDS ${files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_run.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
