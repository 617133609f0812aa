/*
 * Dockerfile parser: directives, comments and instructions with their continuation lines and
 * heredoc bodies. Every token sequence the lexer can produce is accepted (the lexer ends
 * every instruction with INSTRUCTION_END, even at end of file), so the tree always covers
 * the whole file; per-instruction semantics are applied by DockerfileAstBuilder.
 */
parser grammar DockerfileParser;

options { tokenVocab = DockerfileLexer; }

dockerfile  : directive* (comment | instruction)* EOF ;

directive   : DIRECTIVE ;

comment     : COMMENT ;

instruction : gap* command INSTRUCTION_END heredocBody? ;

/* An instruction whose first line is only a continuation has its keyword further down. */
gap         : CONTINUATION | CONT_COMMENT | CONT_EMPTY | WS ;

command
    : ADD arguments?                        # addInstruction
    | ARG arguments?                        # argInstruction
    | CMD arguments?                        # cmdInstruction
    | COPY arguments?                       # copyInstruction
    | ENTRYPOINT arguments?                 # entrypointInstruction
    | ENV arguments?                        # envInstruction
    | EXPOSE arguments?                     # exposeInstruction
    | FROM arguments?                       # fromInstruction
    | HEALTHCHECK arguments?                # healthcheckInstruction
    | LABEL arguments?                      # labelInstruction
    | MAINTAINER arguments?                 # maintainerInstruction
    | ONBUILD gap* command                  # onbuildInstruction
    | RUN arguments?                        # runInstruction
    | SHELL arguments?                      # shellInstruction
    | STOPSIGNAL arguments?                 # stopsignalInstruction
    | USER arguments?                       # userInstruction
    | VOLUME arguments?                     # volumeInstruction
    | WORKDIR arguments?                    # workdirInstruction
    | UNKNOWN_KEYWORD arguments?            # unknownInstruction
    |                                       # emptyInstruction
    ;

arguments   : (WS | TEXT | CONTINUATION | CONT_COMMENT | CONT_EMPTY)+ ;

heredocBody : (HEREDOC_LINE | HEREDOC_END)+ ;
